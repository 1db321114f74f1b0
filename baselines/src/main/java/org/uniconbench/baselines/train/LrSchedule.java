package org.uniconbench.baselines.train;

import org.uniconbench.baselines.Spelled;

import java.util.function.IntToDoubleFunction;

/**
 * How a pre-training's learning rate changes over its updates ({@code backbone.pretrain.lr_schedule:}).
 * Adam reads the rate of each update from {@link #rates}, by its update count, so a restored
 * optimiser continues the schedule where the saved one stopped.
 */
public enum LrSchedule implements Spelled {
    /** The same rate for every update (the default, and every version before the key). */
    CONSTANT,
    /**
     * Cosine annealing to zero over the run (Loshchilov and Hutter, "SGDR", 2017; PyTorch's
     * {@code CosineAnnealingLR} with {@code T_max} = the steps and {@code eta_min} = 0, stepped after
     * each update): update {@code u} of {@code n} takes {@code peak (1 + cos(pi (u - 1) / n)) / 2},
     * the peak first and about {@code peak (pi / 2n)^2} last.
     */
    COSINE;

    /**
     * The rate of each update.
     *
     * @param peak the configured learning rate
     * @param updates the run's whole length in updates (the schedule's period), at least 1
     * @return update count (1-based) to rate
     */
    public IntToDoubleFunction rates(double peak, int updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates must be at least 1, found " + updates);
        }
        return switch (this) {
            case CONSTANT -> update -> peak;
            case COSINE -> update -> peak * (1 + Math.cos(Math.PI * Math.min(update - 1, updates) / updates)) / 2;
        };
    }
}
