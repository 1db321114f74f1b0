package org.uniconbench.metrics;

import java.util.Arrays;

/**
 * Summary statistics of a sample of doubles, for aggregating metric values over seeds and images.
 *
 * <p>Inputs are never modified. Every method rejects an empty array and NaN values (the message
 * names the first NaN's index), so a failed measurement cannot silently vanish into an average.
 * Percentiles use numpy's default {@code method='linear'} (type 7 of Hyndman and Fan, "Sample
 * quantiles in statistical packages", The American Statistician 50(4), 1996).
 */
public final class Statistics {

    private Statistics() {
    }

    /**
     * Returns the arithmetic mean.
     *
     * @param values at least one value, no NaN
     * @return the mean
     */
    public static double mean(double[] values) {
        check(values, "mean");
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Returns the median (the mean of the two middle values for an even count).
     *
     * @param values at least one value, no NaN
     * @return the median
     */
    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /**
     * Returns the p-th percentile with linear interpolation between order statistics, as numpy's
     * {@code np.percentile(values, p)}: the value at fractional rank {@code p / 100 * (n - 1)} of the
     * sorted sample.
     *
     * @param values at least one value, no NaN
     * @param p percentile in [0, 100]
     * @return the percentile
     */
    public static double percentile(double[] values, double p) {
        check(values, "percentile");
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("Percentile p must be in [0, 100], found " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = rank - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        // numpy's _lerp: the form that is exact at the nearer end point.
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }

    /**
     * Returns the sample standard deviation (divisor n - 1, as numpy's {@code std(ddof=1)}).
     *
     * @param values at least one value, no NaN
     * @return the sample standard deviation, or NaN for a single value (undefined, as in numpy)
     */
    public static double standardDeviation(double[] values) {
        double m = mean(values);
        if (values.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1));
    }

    private static void check(double[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one value, found none");
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(what + " found NaN at index " + i + " of "
                        + values.length + "; drop or fix failed measurements before aggregating");
            }
        }
    }
}
