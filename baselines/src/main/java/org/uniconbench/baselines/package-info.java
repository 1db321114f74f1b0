/**
 * The methods under test: diffusion math, the U-Net backbone, the ControlNet and UniCon adapters,
 * datasets and conditions, and the training loop that runs them.
 *
 * <p>Sub-packages: {@code nn} (parameters and layers written with DJL operations), {@code unet}
 * (the backbone), {@code control} (how ControlNet and UniCon attach to it; the one place where the
 * two information flows differ is {@link org.uniconbench.baselines.control.ControlledModel}),
 * {@code diffusion} (DDPM schedule, DDIM sampler), {@code data} (procedural shapes,
 * Fashion-MNIST, conditions) and {@code train} (the training step and loop).
 */
package org.uniconbench.baselines;
