package org.uniconbench.reports;

/**
 * One training-loss observation of an arm, read from a line of {@code arms/NAME/metrics.jsonl}.
 *
 * @param step the optimizer step the loss was logged at
 * @param loss the training loss at that step (finite)
 * @param seed the seed of the line, when the experiment has several seeds; else {@code null}
 */
public record LossPoint(long step, double loss, Long seed) {
    /** A point of a single-seed run (no {@code seed} field in the line). */
    public LossPoint(long step, double loss) {
        this(step, loss, null);
    }
}
