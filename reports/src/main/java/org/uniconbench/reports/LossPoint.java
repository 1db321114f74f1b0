package org.uniconbench.reports;

/**
 * One training-loss observation of an arm, read from a line of {@code arms/NAME/metrics.jsonl}.
 *
 * @param step the optimizer step the loss was logged at
 * @param loss the training loss at that step (finite)
 */
public record LossPoint(long step, double loss) {}
