package org.uniconbench.harness.experiment;

/**
 * The {@code training:} block: adapter training, shared by every arm.
 *
 * @param steps        optimiser steps per arm and seed, 1..10000000
 * @param batchSize    images per step, 1..4096
 * @param learningRate Adam learning rate, in (0, 1]
 * @param logEvery     steps between progress and metric records, 1..1000000
 */
public record TrainingSpec(int steps, int batchSize, double learningRate, int logEvery) {
}
