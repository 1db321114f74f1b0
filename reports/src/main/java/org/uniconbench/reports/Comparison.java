package org.uniconbench.reports;

import java.util.Map;

/**
 * One entry of the run summary's {@code comparisons}: ratios of an arm's metrics to a
 * reference arm's (usually ControlNet), paired by seed, each with its interval named by method, level and n.
 *
 * @param arm the arm in the numerator
 * @param reference the arm in the denominator
 * @param n seeds the ratios are computed over
 * @param ratios metric name to the ratio arm / reference
 */
public record Comparison(String arm, String reference, Integer n, Map<String, Estimate> ratios) {
    /** Copies {@code ratios} so the comparison is immutable. */
    public Comparison {
        ratios = Map.copyOf(ratios);
    }
}
