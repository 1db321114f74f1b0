package org.uniconbench.reports;

import java.util.Locale;

/**
 * A figure measured over seeds: its point value and 95% bootstrap interval, as the harness writes
 * them in {@code summary.json} ({@code {"mean":..,"low":..,"high":..,"n":..}} for a metric,
 * {@code {"estimate":..,..}} for a ratio). With one seed the interval is the value itself.
 *
 * @param value the mean (metric) or estimate (ratio); {@code null} when not measured
 * @param low lower end of the 95% interval, or {@code null}
 * @param high upper end of the 95% interval, or {@code null}
 * @param n seeds the figure is computed over, or {@code null} when not recorded
 */
public record Estimate(Double value, Double low, Double high, Integer n) {

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

  /** Returns this estimate with every number multiplied by {@code factor} (e.g. bytes to MiB). */
  Estimate scaled(double factor) {
    return new Estimate(value == null ? null : value * factor, low == null ? null : low * factor,
        high == null ? null : high * factor, n);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s [%s, %s] n=%s", value, low, high, n);
  }
}
