package org.uniconbench.harness.run;

import org.uniconbench.metrics.Bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the per-arm, per-seed rows of a run into what a reader compares: each arm's metrics as a
 * mean with a 95% bootstrap interval over seeds, UniCon-to-ControlNet ratios paired by seed, and the
 * paper's headline claims beside our measurement with a plain verdict.
 *
 * <p>Verdict rules are stated with every claim; fewer than {@value #MIN_SEEDS_FOR_VERDICT} seeds is
 * always "inconclusive", because one run cannot tell a method's effect from seed noise.
 */
final class SeedComparisons {

    /** Seeds needed before a claim can hold or fail. */
    static final int MIN_SEEDS_FOR_VERDICT = 3;

    /** Row fields aggregated over seeds. */
    static final List<String> METRICS = List.of("ssim", "psnr", "edgeF1", "peakMemoryBytes", "medianStepMs",
            "medianForwardMs", "medianBackwardMs", "medianOptimizerMs", "medianDataMs", "imagesPerSecond",
            "trainableParams", "finalLoss", "fdClassifier", "kidClassifier", "fdRandom", "maskIou", "depthRmse",
            "trainableWeightBytes", "gradientBytes", "optimizerStateBytes", "frozenWeightBytes");

    /** Row fields compared as UniCon / ControlNet ratios. */
    static final List<String> RATIOS = List.of("peakMemoryBytes", "medianStepMs", "trainableParams", "ssim",
            "edgeF1", "psnr");

    private static final long BOOTSTRAP_SEED = 0;

    private SeedComparisons() {
    }

    /** Mean and interval over seeds of every metric, per arm (completed rows only). */
    static List<Map<String, Object>> aggregates(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arm : armNames(rows)) {
            List<Map<String, Object>> armRows = completed(rows, arm);
            if (armRows.isEmpty()) {
                continue;
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String metric : METRICS) {
                double[] values = armRows.stream().map(r -> r.get(metric)).filter(SeedComparisons::finite)
                        .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                if (values.length > 0) {
                    Bootstrap.Interval i = Bootstrap.mean(values, Bootstrap.DEFAULT_RESAMPLES, BOOTSTRAP_SEED);
                    metrics.put(metric, Map.of("mean", i.estimate(), "low", i.low(), "high", i.high(), "n", i.n()));
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
     * ablation's baseline variant), ratios of means paired by seed.
     */
    static List<Map<String, Object>> comparisons(List<Map<String, Object>> rows) {
        String reference = armNames(rows).stream()
                .filter(a -> "controlnet".equals(completed(rows, a).stream().findFirst().map(r -> r.get("method")).orElse(null)))
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
                List<double[]> paired = new ArrayList<>();
                for (Map<String, Object> row : armRows) {
                    Map<String, Object> ref = completed(rows, reference).stream()
                            .filter(r -> Objects.equals(r.get("seed"), row.get("seed"))).findFirst().orElse(null);
                    if (ref != null && finite(row.get(metric)) && finite(ref.get(metric))
                            && ((Number) ref.get(metric)).doubleValue() != 0) {
                        paired.add(new double[] {((Number) row.get(metric)).doubleValue(),
                            ((Number) ref.get(metric)).doubleValue()});
                    }
                }
                if (!paired.isEmpty()) {
                    Bootstrap.Interval i = Bootstrap.pairedRatio(paired.stream().mapToDouble(p -> p[0]).toArray(),
                            paired.stream().mapToDouble(p -> p[1]).toArray(), Bootstrap.DEFAULT_RESAMPLES, BOOTSTRAP_SEED);
                    ratios.put(metric, Map.of("estimate", i.estimate(), "low", i.low(), "high", i.high(), "n", i.n()));
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
     * The paper's headline claims (../shared/reference/method.md) beside our paired ratios.
     *
     * @param comparisons output of {@link #comparisons}
     * @return one entry per claim, measurable or not
     */
    static List<Map<String, Object>> claims(List<Map<String, Object>> allComparisons) {
        return claims(allComparisons, false);
    }

    /**
     * As {@link #claims(List)}; a run whose arms share a memory cap ({@code budget.mode: memory}) also
     * tests the paper's "twice the parameters at the same resources" on the parameter ratio.
     *
     * @param allComparisons output of {@link #comparisons}
     * @param memoryMatched whether every arm's width was chosen to fit one memory cap
     * @return one entry per claim, measurable or not
     */
    static List<Map<String, Object>> claims(List<Map<String, Object>> allComparisons, boolean memoryMatched) {
        List<Map<String, Object>> comparisons = allComparisons.stream()
                .filter(c -> Boolean.TRUE.equals(c.get("paperVariants"))).toList();
        Map<String, Object> equalSize = closestTo(comparisons, 1.0, 0.10);
        Map<String, Object> doubleSize = largestAbove(comparisons, 1.5);
        String memoryCaveat = "CPU: peak resident memory above the weights, median of fresh-JVM memory passes "
                + "(GPU: device memory); the paper measures GPU memory in BF16 on a DiT";
        List<Map<String, Object>> claims = new ArrayList<>();
        claims.add(lowerIsBetter("At equal adapter size, UniCon trains with about a third less memory",
                "0.67x ControlNet's memory", equalSize, "peakMemoryBytes", 0.80, 0.95, memoryCaveat,
                "needs a UniCon arm within 10% of ControlNet's trainable parameters"));
        claims.add(lowerIsBetter("At equal adapter size, UniCon trains about 2.3x faster",
                "0.43x ControlNet's step time", equalSize, "medianStepMs", 0.60, 0.90,
                "median CPU step time after warm-up; the paper times a GPU",
                "needs a UniCon arm within 10% of ControlNet's trainable parameters"));
        if (memoryMatched) {
            Map<String, Object> widest = comparisons.isEmpty() ? null : comparisons.get(0);
            String rule = "holds if the 95% interval of UniCon/ControlNet trainable parameters lies at or above 1.8; "
                    + "does not hold if it lies at or below 1.2; otherwise inconclusive; fewer than "
                    + MIN_SEEDS_FOR_VERDICT + " seeds is always inconclusive";
            claims.add(claim("At the same training memory, UniCon's adapter has about twice the parameters",
                    "about 2x ControlNet's parameters at equal resources", widest, "trainableParams", rule,
                    "widths chosen by budget.mode: memory (the widest whose measured peak fits the shared cap)",
                    "needs a UniCon arm and a ControlNet arm under one memory budget",
                    (low, high) -> low >= 1.8 ? "holds" : high <= 1.2 ? "does not hold" : "inconclusive"));
        }
        claims.add(higherIsBetter("A UniCon adapter with about twice the parameters controls better (SSIM)",
                "SSIM 0.4748 -> 0.5458 (1.15x), Canny, DiT", doubleSize, "ssim",
                "needs a UniCon arm with at least 1.5x ControlNet's trainable parameters"));
        claims.add(higherIsBetter("A UniCon adapter with about twice the parameters controls better (edge F1)",
                "better control (edge F1 not reported by the paper; ControlNet++ protocol)", doubleSize, "edgeF1",
                "needs a UniCon arm with at least 1.5x ControlNet's trainable parameters"));
        return claims;
    }

    private static Map<String, Object> lowerIsBetter(String claim, String paper, Map<String, Object> comparison,
            String metric, double holdsAtOrBelow, double failsAtOrAbove, String caveat, String missing) {
        String rule = String.format(java.util.Locale.ROOT, "holds if the 95%% interval of UniCon/ControlNet lies at or "
                + "below %.2f; does not hold if it lies at or above %.2f; otherwise inconclusive; fewer than %d "
                + "seeds is always inconclusive", holdsAtOrBelow, failsAtOrAbove, MIN_SEEDS_FOR_VERDICT);
        return claim(claim, paper, comparison, metric, rule, caveat, missing,
                (low, high) -> high <= holdsAtOrBelow ? "holds" : low >= failsAtOrAbove ? "does not hold" : "inconclusive");
    }

    private static Map<String, Object> higherIsBetter(String claim, String paper, Map<String, Object> comparison,
            String metric, String missing) {
        String rule = "holds if the 95% interval of UniCon/ControlNet lies above 1; does not hold if it lies at or "
                + "below 1; otherwise inconclusive; fewer than " + MIN_SEEDS_FOR_VERDICT + " seeds is always inconclusive";
        return claim(claim, paper, comparison, metric, rule, "mean over the evaluation samples of each seed", missing,
                (low, high) -> low > 1 ? "holds" : high <= 1 ? "does not hold" : "inconclusive");
    }

    /** How an interval of a ratio becomes a verdict. */
    @FunctionalInterface
    private interface Verdict {
        String of(double low, double high);
    }

    private static Map<String, Object> claim(String claim, String paper, Map<String, Object> comparison, String metric,
            String rule, String caveat, String missing, Verdict verdict) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("claim", claim);
        c.put("paper", paper);
        c.put("metric", metric);
        Map<?, ?> ratio = comparison == null ? null : (Map<?, ?>) ((Map<?, ?>) comparison.get("ratios")).get(metric);
        if (ratio == null) {
            c.put("arm", comparison == null ? null : comparison.get("arm"));
            c.put("reference", comparison == null ? null : comparison.get("reference"));
            c.put("estimate", null);
            c.put("low", null);
            c.put("high", null);
            c.put("n", 0);
            c.put("verdict", "inconclusive");
            c.put("note", "not measured in this run: " + missing);
        } else {
            int n = ((Number) ratio.get("n")).intValue();
            double low = ((Number) ratio.get("low")).doubleValue();
            double high = ((Number) ratio.get("high")).doubleValue();
            c.put("arm", comparison.get("arm"));
            c.put("reference", comparison.get("reference"));
            c.put("estimate", ratio.get("estimate"));
            c.put("low", low);
            c.put("high", high);
            c.put("n", n);
            c.put("verdict", n < MIN_SEEDS_FOR_VERDICT ? "inconclusive" : verdict.of(low, high));
            c.put("note", (n < MIN_SEEDS_FOR_VERDICT ? n + " seed(s): too few for a verdict. " : "") + caveat);
        }
        c.put("rule", rule);
        return c;
    }

    /** The comparison whose trainable-parameter ratio is closest to {@code target}, within {@code tolerance}. */
    private static Map<String, Object> closestTo(List<Map<String, Object>> comparisons, double target, double tolerance) {
        Map<String, Object> best = null;
        double bestDistance = tolerance;
        for (Map<String, Object> c : comparisons) {
            Double ratio = (Double) c.get("trainableParamsRatio");
            if (ratio != null && Math.abs(ratio - target) <= bestDistance) {
                best = c;
                bestDistance = Math.abs(ratio - target);
            }
        }
        return best;
    }

    /** The comparison with the largest trainable-parameter ratio, if at least {@code minimum}. */
    private static Map<String, Object> largestAbove(List<Map<String, Object>> comparisons, double minimum) {
        Map<String, Object> best = null;
        for (Map<String, Object> c : comparisons) {
            Double ratio = (Double) c.get("trainableParamsRatio");
            if (ratio != null && ratio >= minimum && (best == null || ratio > (Double) best.get("trainableParamsRatio"))) {
                best = c;
            }
        }
        return best;
    }

    private static Double ratioEstimate(Map<String, Object> ratios, String metric) {
        Map<?, ?> r = (Map<?, ?>) ratios.get(metric);
        return r == null ? null : ((Number) r.get("estimate")).doubleValue();
    }

    private static boolean finite(Object value) {
        return value instanceof Number n && Double.isFinite(n.doubleValue());
    }

    /** Arm names in row order, without the uncontrolled backbone reference row. */
    private static List<String> armNames(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> !"none".equals(r.get("method")))
                .map(r -> (String) r.get("name")).distinct().toList();
    }

    private static List<Map<String, Object>> completed(List<Map<String, Object>> rows, String arm) {
        return rows.stream().filter(r -> arm.equals(r.get("name")) && "completed".equals(r.get("status"))).toList();
    }
}
