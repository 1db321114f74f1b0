package org.uniconbench.reports;

import java.util.Map;

/**
 * One entry of the run summary's {@code aggregates}: an arm's metrics over all its seeds.
 *
 * @param arm arm name, as in the arm rows
 * @param method {@code controlnet}, {@code unicon} or {@code none}
 * @param n seeds aggregated
 * @param metrics metric name (as in the arm rows, e.g. {@code ssim}, {@code peakMemoryBytes}) to
 *     its mean and interval over seeds (method, level and n as recorded); a metric that was not measured is absent
 */
public record ArmAggregate(String arm, String method, Integer n, Map<String, Estimate> metrics) {
    /** Copies {@code metrics} so the aggregate is immutable. */
    public ArmAggregate {
        metrics = Map.copyOf(metrics);
    }

    /** Returns the metric's estimate, or {@code null} when absent or not a number. */
    public Estimate metric(String name) {
        Estimate e = metrics.get(name);
        return e != null && e.measured() ? e : null;
    }
}
