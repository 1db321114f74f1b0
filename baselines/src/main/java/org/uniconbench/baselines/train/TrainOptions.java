package org.uniconbench.baselines.train;

import java.time.Duration;

/**
 * How long and how fast to train.
 *
 * @param steps optimiser steps; with a {@code timeLimit}, the most steps to run
 * @param batchSize examples per step
 * @param learningRate Adam's learning rate
 * @param seed seed of the batch, timestep and noise stream
 * @param timeLimit training wall time after which no new step starts (the step running then
 *     finishes, and the first step always runs), or null for no limit
 */
public record TrainOptions(int steps, int batchSize, double learningRate, long seed, Duration timeLimit) {

    /**
     * Options without a time limit: exactly {@code steps} steps.
     *
     * @param steps optimiser steps
     * @param batchSize examples per step
     * @param learningRate Adam's learning rate
     * @param seed seed of the batch, timestep and noise stream
     */
    public TrainOptions(int steps, int batchSize, double learningRate, long seed) {
        this(steps, batchSize, learningRate, seed, null);
    }

    /** Rejects a zero or negative time limit. */
    public TrainOptions {
        if (timeLimit != null && (timeLimit.isZero() || timeLimit.isNegative())) {
            throw new IllegalArgumentException("timeLimit must be positive, found " + timeLimit);
        }
    }

    /**
     * The same options, stopping after {@code limit} of training wall time at the latest.
     *
     * @param limit the wall-time budget, or null for none
     * @return the options with that limit
     */
    public TrainOptions withTimeLimit(Duration limit) {
        return new TrainOptions(steps, batchSize, learningRate, seed, limit);
    }
}
