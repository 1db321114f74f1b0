package org.uniconbench.harness.experiment;

/**
 * The {@code evaluation:} block: how samples are drawn for the metrics.
 *
 * @param samples      images sampled per arm and seed, 1..dataset eval_size
 *                     (default 16, lowered to eval_size when that is smaller)
 * @param samplerSteps denoising steps of the sampler, 1..diffusion timesteps
 *                     (default 25, lowered to timesteps when that is smaller)
 * @param memoryPasses short training passes per arm, each in a fresh JVM, that measure peak memory
 *                     (default 2, 0..5; 0 keeps the rough in-process figure)
 */
public record EvaluationSpec(int samples, int samplerSteps, int memoryPasses) {

    /** Default number of fresh-process memory passes per arm and seed. */
    public static final int DEFAULT_MEMORY_PASSES = 2;

    /**
     * The evaluation block with the default memory passes.
     *
     * @param samples images sampled per arm and seed
     * @param samplerSteps denoising steps of the sampler
     */
    public EvaluationSpec(int samples, int samplerSteps) {
        this(samples, samplerSteps, DEFAULT_MEMORY_PASSES);
    }
}
