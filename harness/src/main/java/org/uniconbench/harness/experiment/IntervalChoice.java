package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;
import org.uniconbench.metrics.SeedInterval;

/**
 * How intervals over seeds are computed ({@code evaluation.interval}): a Student t interval, which
 * needs at least five seeds and is what a claim experiment asks for, or the range of the seeds,
 * which claims no coverage and never gives a verdict of "holds" or "does-not-hold".
 */
public enum IntervalChoice implements Spelled {
    /** 95% Student t intervals (on the log ratio for ratios); at least five seeds. */
    T,
    /** The smallest and largest per-seed value. */
    RANGE;

    /** Seeds a t interval needs: {@link SeedInterval#MIN_T_SEEDS}, the statistics' own rule. */
    public static final int MIN_T_SEEDS = SeedInterval.MIN_T_SEEDS;
}
