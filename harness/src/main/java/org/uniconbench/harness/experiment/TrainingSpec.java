package org.uniconbench.harness.experiment;

/**
 * The {@code training:} block: adapter training, shared by every arm.
 *
 * @param steps        optimiser steps per arm and seed, 1..10000000
 * @param batchSize    images per step, 1..4096
 * @param learningRate Adam learning rate, in (0, 1]
 * @param logEvery     steps between progress and metric records, 1..1000000
 * @param lrSearch     the learning-rate search every arm gets, or null: every arm trains at
 *                     {@code learningRate}
 */
public record TrainingSpec(int steps, int batchSize, double learningRate, int logEvery, LrSearchSpec lrSearch) {

    /**
     * Training without a learning-rate search.
     *
     * @param steps        optimiser steps per arm and seed
     * @param batchSize    images per step
     * @param learningRate Adam learning rate
     * @param logEvery     steps between progress and metric records
     */
    public TrainingSpec(int steps, int batchSize, double learningRate, int logEvery) {
        this(steps, batchSize, learningRate, logEvery, null);
    }
}
