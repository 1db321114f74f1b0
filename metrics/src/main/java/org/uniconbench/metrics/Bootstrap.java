package org.uniconbench.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993)
 * for a mean over seeds and for a ratio of means paired by seed, deterministic given a seed.
 *
 * <p>With one value there is nothing to resample: the interval collapses to the value and
 * {@link Interval#n()} says so; readers must not take such an interval as certainty.
 */
public final class Bootstrap {

    /** Resamples used by the harness. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    private Bootstrap() {
    }

    /**
     * An estimate with a 95% interval.
     *
     * @param estimate the statistic on the data itself
     * @param low 2.5th percentile of the bootstrap distribution
     * @param high 97.5th percentile of the bootstrap distribution
     * @param n number of values (seeds) behind it
     */
    public record Interval(double estimate, double low, double high, int n) {
    }

    /**
     * The mean and its 95% percentile-bootstrap interval.
     *
     * @param values one value per seed (at least one, all finite)
     * @param resamples bootstrap resamples
     * @param seed random seed
     * @return the interval
     */
    public static Interval mean(double[] values, int resamples, long seed) {
        return ratio(values, ones(values.length), resamples, seed);
    }

    /**
     * The ratio of means {@code mean(numerator) / mean(denominator)}, resampling seeds jointly so
     * the pairing (same seed, same data and noise) is kept.
     *
     * @param numerator one value per seed
     * @param denominator one value per seed, same order
     * @param resamples bootstrap resamples
     * @param seed random seed
     * @return the interval
     */
    public static Interval pairedRatio(double[] numerator, double[] denominator, int resamples, long seed) {
        return ratio(numerator, denominator, resamples, seed);
    }

    private static Interval ratio(double[] numerator, double[] denominator, int resamples, long seed) {
        int n = numerator.length;
        if (n == 0 || denominator.length != n) {
            throw new IllegalArgumentException("need the same positive number of values on both sides, found "
                    + n + " and " + denominator.length);
        }
        double estimate = sum(numerator) / sum(denominator);
        if (n == 1) {
            return new Interval(estimate, estimate, estimate, 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double top = 0;
            double bottom = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                top += numerator[k];
                bottom += denominator[k];
            }
            stats[r] = top / bottom;
        }
        Arrays.sort(stats);
        return new Interval(estimate, Statistics.percentile(stats, 2.5), Statistics.percentile(stats, 97.5), n);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("bootstrap over a non-finite value: " + v);
            }
            s += v;
        }
        return s;
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1.0);
        return out;
    }
}
