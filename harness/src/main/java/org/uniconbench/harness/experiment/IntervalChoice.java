package org.uniconbench.harness.experiment;

/**
 * How intervals over seeds are computed ({@code evaluation.interval}): a Student t interval, which
 * needs at least five seeds and is what a claim experiment asks for, or the range of the seeds,
 * which claims no coverage and never gives a verdict of "holds" or "does-not-hold".
 */
public enum IntervalChoice {
    /** 95% Student t intervals (on the log ratio for ratios); at least five seeds. */
    T("t"),
    /** The smallest and largest per-seed value. */
    RANGE("range");

    /** Seeds a t interval needs (as {@code org.uniconbench.metrics.SeedInterval.MIN_T_SEEDS}). */
    public static final int MIN_T_SEEDS = 5;

    private final String yamlName;

    IntervalChoice(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code t}. */
    public String yamlName() {
        return yamlName;
    }
}
