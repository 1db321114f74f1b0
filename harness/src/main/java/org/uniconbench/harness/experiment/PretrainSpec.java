package org.uniconbench.harness.experiment;

/**
 * The {@code backbone.pretrain:} block: unconditional backbone pretraining.
 *
 * @param steps        optimiser steps, 0..10000000 (0 keeps the random initialisation)
 * @param batchSize    images per step, 1..4096
 * @param learningRate Adam learning rate, in (0, 1]
 */
public record PretrainSpec(int steps, int batchSize, double learningRate) {
}
