/**
 * Diffusion math shared by every method: the DDPM noise schedule, the epsilon-prediction loss and
 * the deterministic DDIM sampler.
 */
package org.uniconbench.baselines.diffusion;
