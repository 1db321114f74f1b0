package org.uniconbench.reports;

import java.util.Locale;

/**
 * A figure measured over seeds: its point value and interval, as the harness writes them in
 * the run summary: {@code {"estimate":..,"low":..,"high":..,"level":0.95,"method":"t","n":5}}.
 * Runs written before intervals were named have {@code "mean"} for a metric and no level or method;
 * their intervals were 95% percentile bootstraps, which over three seeds are the range of the seeds,
 * and {@link #describe()} says so. With one seed the interval is the value itself.
 *
 * @param value the mean (metric) or estimate (ratio); {@code null} when not measured
 * @param low lower end of the interval, or {@code null}
 * @param high upper end of the interval, or {@code null}
 * @param n seeds the figure is computed over, or {@code null} when not recorded
 * @param level the interval's confidence level, {@code null} for a range or when not recorded
 * @param method how the interval was computed ({@code t}, {@code paired log-ratio t}, {@code range}),
 *     {@code null} when not recorded
 */
public record Estimate(Double value, Double low, Double high, Integer n, Double level, String method) {

    /** An estimate without a named interval (as older runs wrote them). */
    public Estimate(Double value, Double low, Double high, Integer n) {
        this(value, low, high, n, null, null);
    }

    /** A single measurement (one seed): the interval is the value itself. */
    static Estimate single(Double value) {
        return new Estimate(value, value, value, value == null ? null : 1);
    }

    /** Returns true when the point value is a finite number. */
    public boolean measured() {
        return value != null && Double.isFinite(value);
    }

    /** Returns true when a proper interval (more than one seed, both ends finite) is known. */
    public boolean hasInterval() {
        return measured() && n != null && n > 1 && low != null && high != null
                && Double.isFinite(low) && Double.isFinite(high);
    }

    /** Returns true when the interval claims a coverage level (a t interval), not a range. */
    public boolean isConfidenceInterval() {
        return level != null && method != null && !"range".equals(method);
    }

    /**
     * The interval named in words: "95% paired log-ratio t, n = 5", "range of 3 seeds", or for an
     * older run "range of 3 seeds (percentile bootstrap, older run)"; never "95%" below a t interval.
     */
    public String describe() {
        if (n == null) {
            return "seeds not recorded";
        }
        if (n <= 1) {
            return "one seed, no interval";
        }
        if (method == null) {
            return "range of " + n + " seeds (percentile bootstrap, older run)";
        }
        if (!isConfidenceInterval()) {
            return "range of " + n + " seeds";
        }
        double percent = level * 100;
        String p = percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
        return p + "% " + method + ", n = " + n;
    }

    /** Returns this estimate with every number multiplied by {@code factor} (e.g. bytes to MiB). */
    Estimate scaled(double factor) {
        return new Estimate(value == null ? null : value * factor, low == null ? null : low * factor,
                high == null ? null : high * factor, n, level, method);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s [%s, %s] n=%s %s", value, low, high, n, describe());
    }
}
