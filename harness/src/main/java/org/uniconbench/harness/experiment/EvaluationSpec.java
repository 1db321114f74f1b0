package org.uniconbench.harness.experiment;

/**
 * The {@code evaluation:} block: how samples are drawn for the metrics.
 *
 * @param samples      images sampled per arm and seed, 1..dataset eval_size
 *                     (default 16, lowered to eval_size when that is smaller)
 * @param samplerSteps denoising steps of the sampler, 1..diffusion timesteps
 *                     (default 25, lowered to timesteps when that is smaller)
 */
public record EvaluationSpec(int samples, int samplerSteps) {
}
