package org.uniconbench.harness.experiment;

/**
 * The {@code evaluation.curve:} block: a control curve during adapter training. Every {@code every}
 * steps (and at step 0 and the last step) each arm pauses, samples a small fixed evaluation set
 * (the first {@code samples} evaluation conditions from the same noise, the same for every arm,
 * seed and point) and scores the run's control metric; the pause is left out of step times, train
 * time and the time budget. Off when the block is left out.
 *
 * @param every        training steps between two points, 1..1000000; 0 means off
 * @param samples      images sampled per point, 1..dataset.eval_size
 *                     (default {@value #DEFAULT_SAMPLES}, lowered to evaluation.samples when that is smaller)
 * @param samplerSteps denoising steps per sample, 1..diffusion.timesteps
 *                     (default {@value #DEFAULT_SAMPLER_STEPS}, lowered to evaluation.sampler_steps when that is smaller)
 */
public record CurveSpec(int every, int samples, int samplerSteps) {

    /** No curve. */
    public static final CurveSpec OFF = new CurveSpec(0, 0, 0);

    /** Default images per point: few, since a point is paid for every {@code every} steps. */
    public static final int DEFAULT_SAMPLES = 8;

    /** Default sampler steps per point. */
    public static final int DEFAULT_SAMPLER_STEPS = 10;

    /** Whether the run records a curve. */
    public boolean enabled() {
        return every > 0;
    }
}
