package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.train.LrSchedule;

import java.util.function.IntToDoubleFunction;

/**
 * The {@code backbone.pretrain:} block: unconditional backbone pretraining.
 *
 * @param steps        optimiser steps, 0..10000000 (0 keeps the random initialisation)
 * @param batchSize    images per step, 1..4096
 * @param learningRate Adam learning rate, in (0, 1]
 * @param emaDecay     decay of the exponential moving average of the weights that is cached and
 *                     frozen instead of the last weights, in [0, 1); 0 (the default) turns it off
 *                     and caches the last weights, as every version before it did
 * @param gateEvery    pre-training steps between two points of the gate curve (the backbone's
 *                     quality gate measured on the weights that would be cached then, see
 *                     {@code GateCurve}), 0 (the default) for none; not part of the cache key, since
 *                     it does not change the weights
 * @param lrSchedule   how the learning rate changes over the steps: constant (the default) or cosine
 *                     annealing from {@code learningRate} to zero at the last step
 * @param minSnrGamma  with a value > 0, the pre-training loss weights every sample by min-SNR-gamma
 *                     (Hang et al., ICCV 2023; {@code NoiseSchedule.minSnrWeights}); 0 (the
 *                     default) for the plain mean, as every version before it
 * @param cooldownSteps with a constant schedule, the last this many steps lower the rate linearly to 0
 *                     (the warmup-stable-decay schedule's decay, Hägele et al. 2024, "Scaling Laws and
 *                     Compute-Optimal Training Beyond Fixed Training Durations"); 0 (the default) for
 *                     none. Up to the cooldown the pre-training is the constant-rate one, step for step,
 *                     so it can start from a constant-rate pre-training's kept final state.
 */
public record PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay, int gateEvery,
        LrSchedule lrSchedule, double minSnrGamma, int cooldownSteps) {

    /**
     * Off by default: existing experiment files keep their meaning, their results and their cached
     * backbones (the cache key of a backbone without EMA is unchanged).
     */
    public static final double DEFAULT_EMA_DECAY = 0;

    /** A block without EMA. */
    public PretrainSpec(int steps, int batchSize, double learningRate) {
        this(steps, batchSize, learningRate, DEFAULT_EMA_DECAY);
    }

    /** A block without a gate curve. */
    public PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay) {
        this(steps, batchSize, learningRate, emaDecay, 0);
    }

    /** A block with a constant learning rate. */
    public PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay, int gateEvery) {
        this(steps, batchSize, learningRate, emaDecay, gateEvery, LrSchedule.CONSTANT);
    }

    /** A block with the plain (unweighted) loss. */
    public PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay, int gateEvery,
            LrSchedule lrSchedule) {
        this(steps, batchSize, learningRate, emaDecay, gateEvery, lrSchedule, 0);
    }

    /** A block without a cooldown. */
    public PretrainSpec(int steps, int batchSize, double learningRate, double emaDecay, int gateEvery,
            LrSchedule lrSchedule, double minSnrGamma) {
        this(steps, batchSize, learningRate, emaDecay, gateEvery, lrSchedule, minSnrGamma, 0);
    }

    /** Whether the loss is weighted by min-SNR-gamma. */
    public boolean minSnr() {
        return minSnrGamma > 0;
    }

    /** The learning rate of each Adam update of the pre-training, by update count (1-based). */
    public IntToDoubleFunction rates() {
        IntToDoubleFunction base = lrSchedule.rates(learningRate, Math.max(1, steps));
        if (cooldownSteps == 0) {
            return base;
        }
        int stable = steps - cooldownSteps; // updates 1..stable at the full rate
        // update stable + k of the cooldown (k = 1..cooldownSteps): (1 - k / (cooldownSteps + 1)) of the rate
        return update -> update <= stable ? base.applyAsDouble(update)
                : learningRate * Math.max(0, steps + 1 - update) / (cooldownSteps + 1.0);
    }

    /** Whether the last steps lower the rate to 0. */
    public boolean cooldown() {
        return cooldownSteps > 0;
    }

    /** Whether the cached weights are the moving average. */
    public boolean ema() {
        return emaDecay > 0;
    }

    /** Whether the quality gate is measured during pre-training. */
    public boolean gateCurve() {
        return gateEvery > 0;
    }
}
