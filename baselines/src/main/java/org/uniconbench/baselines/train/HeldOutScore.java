package org.uniconbench.baselines.train;

/**
 * How {@link Trainer#heldOutLoss(org.uniconbench.baselines.diffusion.Denoiser, TrainingData, int, long,
 * HeldOutScore)} scores a model on held-out examples: at which timesteps, and against which target.
 *
 * <p>The default ({@link #noise(int)}) is the training loss itself: the noise-prediction error over
 * the whole schedule. It is dominated by the nearly clean timesteps, where the noisy image alone
 * shows almost everything and a condition adds little, so a backbone that denoises well leaves an
 * adapter little to win on it. {@link Target#CLEAN} from a noisy part of the schedule scores what a
 * condition is for (the clean image the model would sample towards, where the noisy input hides it):
 * the predicted clean image, clipped to the data range as the sampler clips it, against the true one.
 *
 * @param draws timesteps per example, one from each of {@code draws} equal strata of the scored range, >= 1
 * @param from the scored range starts at this fraction of the schedule's timesteps, in [0, 1); 0: all of it
 * @param target what is compared
 */
public record HeldOutScore(int draws, double from, Target target) {

    /** What the held-out loss compares. */
    public enum Target {
        /** The predicted noise with the true noise (the training loss). */
        NOISE,
        /** The predicted clean image, clipped to [-1, 1], with the true clean image. */
        CLEAN
    }

    /** Checks the ranges. */
    public HeldOutScore {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, found " + draws);
        }
        if (!(from >= 0 && from < 1)) {
            throw new IllegalArgumentException("from must be in [0, 1), found " + from);
        }
        if (target == null) {
            throw new IllegalArgumentException("target is required");
        }
    }

    /** The training loss over the whole schedule, {@code draws} stratified timesteps per example. */
    public static HeldOutScore noise(int draws) {
        return new HeldOutScore(draws, 0, Target.NOISE);
    }

    /** The first timestep scored of a schedule of {@code timesteps}. */
    int first(int timesteps) {
        return (int) Math.floor(from * timesteps);
    }
}
