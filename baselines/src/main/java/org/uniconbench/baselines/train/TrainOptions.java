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
 * @param minSnrGamma with a value > 0, every sample's loss is weighted by min-SNR-gamma
 *     ({@code NoiseSchedule.minSnrWeights}); 0: the plain mean (every arm, and pre-training by default)
 */
public record TrainOptions(int steps, int batchSize, double learningRate, long seed, Duration timeLimit,
        double minSnrGamma) {

    /**
     * Unweighted options, with or without a time limit.
     *
     * @param steps optimiser steps
     * @param batchSize examples per step
     * @param learningRate Adam's learning rate
     * @param seed seed of the batch, timestep and noise stream
     * @param timeLimit the wall-time budget, or null for none
     */
    public TrainOptions(int steps, int batchSize, double learningRate, long seed, Duration timeLimit) {
        this(steps, batchSize, learningRate, seed, timeLimit, 0);
    }

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

    /** Rejects a zero or negative time limit and a negative gamma. */
    public TrainOptions {
        if (timeLimit != null && (timeLimit.isZero() || timeLimit.isNegative())) {
            throw new IllegalArgumentException("timeLimit must be positive, found " + timeLimit);
        }
        if (!(minSnrGamma >= 0)) {
            throw new IllegalArgumentException("minSnrGamma must be >= 0 (0: unweighted), found " + minSnrGamma);
        }
    }

    /**
     * The same options with the loss weighted by min-SNR-gamma.
     *
     * @param gamma the clamp, > 0; 0 for the plain mean
     * @return the weighted options
     */
    public TrainOptions withMinSnr(double gamma) {
        return new TrainOptions(steps, batchSize, learningRate, seed, timeLimit, gamma);
    }

    /**
     * The same options, stopping after {@code limit} of training wall time at the latest.
     *
     * @param limit the wall-time budget, or null for none
     * @return the options with that limit
     */
    public TrainOptions withTimeLimit(Duration limit) {
        return new TrainOptions(steps, batchSize, learningRate, seed, limit, minSnrGamma);
    }
}
