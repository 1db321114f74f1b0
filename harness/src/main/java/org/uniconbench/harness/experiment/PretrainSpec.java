package org.uniconbench.harness.experiment;

/**
 * The {@code backbone.pretrain:} block: unconditional backbone pretraining.
 *
 * @param steps        optimiser steps, 0..10000000 (0 keeps the random initialisation)
 * @param batchSize    images per step, 1..4096
 * @param learningRate Adam learning rate, in (0, 1]
 * @param emaDecay     decay of the exponential moving average of the weights that is cached and
 *                     frozen instead of the last weights, in [0, 1); 0 (the default) turns it off
 *                     and caches the last weights, as every version before it did
 */
public record PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay) {

    /**
     * Off by default: existing experiment files keep their meaning, their results and their cached
     * backbones (the cache key of a backbone without EMA is unchanged).
     */
    public static final double DEFAULT_EMA_DECAY = 0;

    /** A block without EMA. */
    public PretrainSpec(int steps, int batchSize, double learningRate) {
        this(steps, batchSize, learningRate, DEFAULT_EMA_DECAY);
    }

    /** Whether the cached weights are the moving average. */
    public boolean ema() {
        return emaDecay > 0;
    }
}
