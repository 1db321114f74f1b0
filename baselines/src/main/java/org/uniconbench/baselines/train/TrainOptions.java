package org.uniconbench.baselines.train;

/**
 * How long and how fast to train.
 *
 * @param steps optimiser steps
 * @param batchSize examples per step
 * @param learningRate Adam's learning rate
 * @param seed seed of the batch, timestep and noise stream
 */
public record TrainOptions(int steps, int batchSize, double learningRate, long seed) {
}
