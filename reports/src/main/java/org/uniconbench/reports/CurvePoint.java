package org.uniconbench.reports;

/**
 * One point of an arm's control curve, a line of {@code arms/NAME/curve.jsonl}: the control metric
 * on a small fixed evaluation set after {@code step} training steps.
 *
 * @param step the training step the adapter had reached (0: before training)
 * @param trainSeconds the arm's training wall time up to that step, evaluation time excluded
 * @param metric the summary field of the metric ({@code edgeF1}, {@code maskIou}, {@code depthRmse}, {@code ssim})
 * @param value its value (finite)
 * @param seed the arm's seed, or {@code null} when the line has none
 */
public record CurvePoint(long step, double trainSeconds, String metric, double value, Long seed) {
}
