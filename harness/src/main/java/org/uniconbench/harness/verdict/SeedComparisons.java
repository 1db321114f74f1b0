package org.uniconbench.harness.verdict;

import org.uniconbench.reports.Metric;

import org.uniconbench.metrics.SeedInterval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the per-arm, per-seed rows of a run into what a reader compares: each arm's metrics as a
 * mean with its interval over seeds, and every arm's ratios to the reference arm paired by seed
 * ({@link SeedInterval}: a Student t interval with at least five seeds when the experiment asks for
 * one, else the range, each written with its method, level and n). The paper's claims are
 * {@link PaperClaims}.
 */
final class SeedComparisons {

    /** Row fields aggregated over seeds: every declared metric ({@link Metric}), in declaration order. */
    static final List<String> METRICS = Metric.keys(Metric.all());

    /** Row fields compared as UniCon / ControlNet ratios: the declared metrics {@link Metric#compared()}. */
    static final List<String> RATIOS = Metric.keys(Metric.ratios());

    private SeedComparisons() {
    }

    /**
     * Mean and interval over seeds of every metric, per arm (completed rows only), the uncontrolled
     * backbone first (method {@code none}; sampled on every seed's conditions since 4d82b95, so its
     * control metrics have the arms' n).
     *
     * @param rows the run's rows
     * @param useT whether t intervals are wanted (used from {@value SeedInterval#MIN_T_SEEDS} seeds on)
     * @return one entry per arm, the backbone's first
     */
    static List<Map<String, Object>> aggregates(List<Map<String, Object>> rows, boolean useT) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = new ArrayList<>(rows.stream().filter(r -> "none".equals(r.get("method")))
                .map(r -> (String) r.get("name")).distinct().toList());
        names.addAll(armNames(rows));
        for (String arm : names) {
            List<Map<String, Object>> armRows = completed(rows, arm);
            if (armRows.isEmpty()) {
                continue;
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String metric : METRICS) {
                double[] values = armRows.stream().map(r -> r.get(metric)).filter(SeedComparisons::finite)
                        .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                if (values.length > 0) {
                    metrics.put(metric, json(SeedInterval.mean(values, useT)));
                }
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("arm", arm);
            a.put("method", armRows.get(0).get("method"));
            a.put("n", armRows.size());
            a.put("metrics", metrics);
            out.add(a);
        }
        return out;
    }

    /**
     * Every other arm against the reference arm (the first ControlNet arm, else the first arm: an
     * ablation's baseline variant), ratios paired by seed.
     *
     * @param rows the run's rows
     * @param useT whether t intervals are wanted
     * @return one entry per arm other than the reference
     */
    static List<Map<String, Object>> comparisons(List<Map<String, Object>> rows, boolean useT) {
        String reference = armNames(rows).stream()
                .filter(a -> "controlnet"
                        .equals(completed(rows, a).stream().findFirst().map(r -> r.get("method")).orElse(null)))
                .findFirst().orElse(armNames(rows).stream().filter(a -> !completed(rows, a).isEmpty())
                        .findFirst().orElse(null));
        List<Map<String, Object>> out = new ArrayList<>();
        if (reference == null) {
            return out;
        }
        for (String arm : armNames(rows)) {
            List<Map<String, Object>> armRows = completed(rows, arm);
            if (armRows.isEmpty() || arm.equals(reference)) {
                continue;
            }
            Map<String, Object> ratios = new LinkedHashMap<>();
            int pairs = 0;
            for (String metric : RATIOS) {
                SeedInterval i = pairedRatio(rows, arm, reference, metric, useT);
                if (i != null) {
                    ratios.put(metric, json(i));
                    pairs = Math.max(pairs, i.n());
                }
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("arm", arm);
            c.put("reference", reference);
            // the paper's claims compare UniCon as published (full copy, unidirectional) with ControlNet as
            // published (encoder copy, bidirectional); rows written before the ablations have no scope/flow
            Map<String, Object> first = armRows.get(0);
            Map<String, Object> ref = completed(rows, reference).get(0);
            c.put("paperVariants", "unicon".equals(first.get("method"))
                    && "unidirectional".equals(first.getOrDefault("flow", "unidirectional"))
                    && "full".equals(first.getOrDefault("scope", "full"))
                    && "controlnet".equals(ref.get("method"))
                    && "encoder".equals(ref.getOrDefault("scope", "encoder"))
                    && "bidirectional".equals(ref.getOrDefault("flow", "bidirectional")));
            c.put("n", pairs);
            c.put("trainableParamsRatio", ratioEstimate(ratios, "trainableParams"));
            c.put("ratios", ratios);
            out.add(c);
        }
        return out;
    }

    /**
     * The ratio {@code arm / reference} of a metric, paired by seed over the seeds both completed, or
     * null when no seed has both values (or the reference's is zero).
     */
    static SeedInterval pairedRatio(List<Map<String, Object>> rows, String arm, String reference, String metric,
            boolean useT) {
        List<Map<String, Object>> refRows = completed(rows, reference);
        List<double[]> paired = new ArrayList<>();
        for (Map<String, Object> row : completed(rows, arm)) {
            Map<String, Object> ref = refRows.stream()
                    .filter(r -> Objects.equals(r.get("seed"), row.get("seed"))).findFirst().orElse(null);
            if (ref != null && finite(row.get(metric)) && finite(ref.get(metric))
                    && ((Number) ref.get(metric)).doubleValue() != 0) {
                paired.add(new double[] {((Number) row.get(metric)).doubleValue(),
                    ((Number) ref.get(metric)).doubleValue()});
            }
        }
        if (paired.isEmpty()) {
            return null;
        }
        return SeedInterval.pairedRatio(paired.stream().mapToDouble(p -> p[0]).toArray(),
                paired.stream().mapToDouble(p -> p[1]).toArray(), useT);
    }

    /** An interval as the run summary writes it: {estimate, low, high, level, method, n}. */
    static Map<String, Object> json(SeedInterval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", i.estimate());
        m.put("low", i.low());
        m.put("high", i.high());
        m.put("level", i.level());
        m.put("method", i.method());
        m.put("n", i.n());
        return m;
    }

    private static Double ratioEstimate(Map<String, Object> ratios, String metric) {
        Map<?, ?> r = (Map<?, ?>) ratios.get(metric);
        return r == null ? null : ((Number) r.get("estimate")).doubleValue();
    }

    static boolean finite(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue());
    }

    /** Arm names in row order, without the uncontrolled backbone reference row. */
    static List<String> armNames(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> !"none".equals(r.get("method")))
                .map(r -> (String) r.get("name")).distinct().toList();
    }

    static List<Map<String, Object>> completed(List<Map<String, Object>> rows, String arm) {
        return rows.stream().filter(r -> arm.equals(r.get("name")) && "completed".equals(r.get("status"))).toList();
    }
}
