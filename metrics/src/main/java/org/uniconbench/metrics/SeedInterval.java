package org.uniconbench.metrics;

import java.util.Locale;

/**
 * An estimate over seeds with an interval that says what it is: its {@code method}, its
 * confidence {@code level} (null when the interval makes no coverage claim) and the number of seeds
 * {@code n} behind it.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>With at least {@value #MIN_T_SEEDS} seeds, a Student t interval with {@code n - 1} degrees of
 *       freedom at level {@value #LEVEL}: of the mean for one arm's metric ({@value #T}); of the mean
 *       log ratio for a ratio paired by seed ({@value #LOG_RATIO_T}), transformed back, so the
 *       estimate is the geometric mean of the per-seed ratios and the interval is multiplicative.
 *       Where a per-seed ratio is not positive (a log is undefined) the t interval is taken on the
 *       ratios themselves ({@value #RATIO_T}). Exact coverage when the per-seed values (log ratios)
 *       are normal; the coverage test in the harness checks it by simulation.</li>
 *   <li>Below that ({@value #RANGE}): the smallest and largest per-seed value. A range of three
 *       seeds is not a 95% interval (it covers a seed-to-seed median with probability 75%), so it
 *       has no level and nothing may call it one.</li>
 * </ul>
 * Replaces a percentile bootstrap over seeds, which at three seeds is exactly the range.
 *
 * @param estimate the mean (one arm) or geometric mean of the paired ratios (a ratio)
 * @param low lower end
 * @param high upper end
 * @param level confidence level, or {@code null} for a range
 * @param method {@value #T}, {@value #LOG_RATIO_T}, {@value #RATIO_T} or {@value #RANGE}
 * @param n seeds behind it
 */
public record SeedInterval(double estimate, double low, double high, Double level, String method, int n) {

    /** Confidence level of every t interval. */
    public static final double LEVEL = 0.95;

    /** Seeds needed for a t interval; below it, the range. */
    public static final int MIN_T_SEEDS = 5;

    /** Student t interval of a mean. */
    public static final String T = "t";

    /** Student t interval of the mean log ratio, paired by seed. */
    public static final String LOG_RATIO_T = "paired log-ratio t";

    /** Student t interval of the mean ratio, paired by seed (when a ratio is not positive). */
    public static final String RATIO_T = "paired ratio t";

    /** The smallest and largest per-seed value: no confidence level. */
    public static final String RANGE = "range";

    /**
     * The mean of one value per seed with its interval.
     *
     * @param values one finite value per seed, at least one
     * @param useT whether a t interval is wanted (it is used only with {@value #MIN_T_SEEDS} or more values)
     * @return the interval
     */
    public static SeedInterval mean(double[] values, boolean useT) {
        checkFinite(values, "mean");
        return useT && values.length >= MIN_T_SEEDS ? tInterval(values, T) : range(values, Statistics.mean(values));
    }

    /**
     * The ratio {@code numerator / denominator}, paired by seed, with its interval.
     *
     * @param numerator one finite value per seed
     * @param denominator one finite non-zero value per seed, same order
     * @param useT whether a t interval is wanted (it is used only with {@value #MIN_T_SEEDS} or more seeds)
     * @return the interval
     */
    public static SeedInterval pairedRatio(double[] numerator, double[] denominator, boolean useT) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException("need as many numerators as denominators, found "
                    + numerator.length + " and " + denominator.length);
        }
        checkFinite(numerator, "ratio");
        checkFinite(denominator, "ratio");
        double[] ratios = new double[numerator.length];
        boolean positive = true;
        for (int i = 0; i < ratios.length; i++) {
            if (denominator[i] == 0) {
                throw new IllegalArgumentException("ratio with a zero denominator at seed index " + i);
            }
            ratios[i] = numerator[i] / denominator[i];
            positive &= ratios[i] > 0;
        }
        if (!positive) {
            return useT && ratios.length >= MIN_T_SEEDS ? tInterval(ratios, RATIO_T)
                    : range(ratios, Statistics.mean(ratios));
        }
        double[] logs = new double[ratios.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(ratios[i]);
        }
        if (useT && logs.length >= MIN_T_SEEDS) {
            SeedInterval onLogs = tInterval(logs, LOG_RATIO_T);
            return new SeedInterval(Math.exp(onLogs.estimate), Math.exp(onLogs.low), Math.exp(onLogs.high), LEVEL,
                    LOG_RATIO_T, logs.length);
        }
        return range(ratios, Math.exp(Statistics.mean(logs)));
    }

    /** Whether this interval claims a coverage (a t interval), as opposed to a range. */
    public boolean isConfidenceInterval() {
        return level != null;
    }

    /** The interval named in words: "95% paired log-ratio t, n = 5" or "range of 3 seeds". */
    public String describe() {
        return describe(level, method, n);
    }

    /**
     * Names an interval in words from its recorded fields, e.g. "95% t, n = 5" or "range of 3 seeds".
     *
     * @param level confidence level, or null
     * @param method method as recorded
     * @param n seeds
     * @return the name
     */
    public static String describe(Double level, String method, int n) {
        if (level == null || RANGE.equals(method)) {
            return n == 1 ? "one seed, no interval" : "range of " + n + " seeds";
        }
        return String.format(Locale.ROOT, "%s%% %s, n = %d", trim(level * 100), method, n);
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }

    private static SeedInterval tInterval(double[] values, String method) {
        int n = values.length;
        double mean = Statistics.mean(values);
        double halfWidth = StudentT.quantile(1 - (1 - LEVEL) / 2, n - 1)
                * Statistics.standardDeviation(values) / Math.sqrt(n);
        return new SeedInterval(mean, mean - halfWidth, mean + halfWidth, LEVEL, method, n);
    }

    private static SeedInterval range(double[] values, double estimate) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return new SeedInterval(estimate, low, high, null, RANGE, values.length);
    }

    private static void checkFinite(double[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " over seeds needs at least one value, found none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " over seeds found " + values[i] + " at index " + i
                        + "; drop failed measurements first");
            }
        }
    }
}
