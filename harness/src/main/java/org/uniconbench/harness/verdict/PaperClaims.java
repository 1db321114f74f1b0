package org.uniconbench.harness.verdict;

import org.uniconbench.metrics.SeedInterval;
import org.uniconbench.reports.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper's headline claims (../shared/reference/method.md) beside this run's paired ratios, one
 * row per claim and {@link Reading}, each with a verdict: {@code holds}, {@code does-not-hold},
 * {@code inconclusive} or {@code not-testable}.
 *
 * <p>A claim is not testable, whatever its interval says, when the run cannot carry it: no arm pair
 * for it; the backbone's {@link QualityGate} did not pass (failed, or not evaluated below N = 128);
 * an equal-size reading whose arms are not within {@value #SIZE_TOLERANCE} of each other's trainable
 * parameters; or an arm of the claim did not learn control (the interval of its control metric's gain
 * over the uncontrolled backbone, paired by seed on each seed's own evaluation conditions, does not
 * lie above zero). The gates apply to the cost claims too:
 * a cost at equal size compares control adapters, and an adapter that learned no control is none.
 * Otherwise {@link ClaimRule} decides from the ratio's interval; a range of fewer than five seeds is
 * inconclusive.
 *
 * <p>The step-time claim uses the interleaved timing passes ({@code timedStepMs},
 * {@code evaluation.timing_passes}) when both arms have them on every seed, else the training steps'
 * {@code medianStepMs}; its {@code metric} and {@code note} say which.
 *
 * <p>Each claim is written as {@code {claim, paper, reading, readingText, arm, reference, metric,
 * interval: {estimate, low, high, level, method, n}, verdict, reason, rule, note}}.
 */
public final class PaperClaims {

    /** Relative difference of trainable parameters within which two adapters count as the same size. */
    static final double SIZE_TOLERANCE = 0.10;

    /** Parameter ratio from which a UniCon arm counts as "about twice" ControlNet's size. */
    static final double DOUBLE_SIZE = 1.5;

    private static final String MEMORY_CAVEAT = "CPU: peak resident memory above the weights, median of fresh-JVM "
            + "memory passes (GPU: device memory); the paper measures GPU memory in BF16 on a DiT";

    /**
     * The metric that says whether an arm learned control, per condition kind.
     *
     * @param metric row field
     * @param lowerIsBetter whether smaller is better (depth RMSE)
     */
    public record ControlMetric(String metric, boolean lowerIsBetter) {
        /** Edge F1 for Canny, mask IoU, depth RMSE, and SSIM for super-resolution. */
        public static ControlMetric of(String conditionKind) {
            return of(switch (conditionKind) {
                case "mask" -> Metric.MASK_IOU;
                case "depth" -> Metric.DEPTH_RMSE;
                case "downsample" -> Metric.SSIM;
                default -> Metric.EDGE_F1;
            });
        }

        /** The declared metric, its direction as declared. */
        public static ControlMetric of(Metric m) {
            return new ControlMetric(m.key(), m.direction() == Metric.Direction.LOWER);
        }
    }

    /**
     * What the claims depend on beyond the rows.
     *
     * @param useT whether the run asks for t intervals ({@code evaluation.interval: t})
     * @param memoryMatched whether every arm's width was chosen to fit one memory cap
     * @param qualityGate the backbone's gate ({@link QualityGate#evaluate})
     * @param control the control metric of the run's condition
     */
    record Context(boolean useT, boolean memoryMatched, Map<String, Object> qualityGate, ControlMetric control) {
    }

    private final List<Map<String, Object>> rows;
    private final Context context;

    private PaperClaims(List<Map<String, Object>> rows, Context context) {
        this.rows = rows;
        this.context = context;
    }

    /**
     * Every claim this run can speak to, and the ones it cannot, with their verdicts.
     *
     * @param rows the run's rows, the uncontrolled backbone's included
     * @param context intervals, budget, gate and control metric
     * @return the claims, in table order
     */
    static List<Map<String, Object>> of(List<Map<String, Object>> rows, Context context) {
        return new PaperClaims(rows, context).all();
    }

    private List<Map<String, Object>> all() {
        List<Map<String, Object>> claims = new ArrayList<>();
        List<Reading.Shape> shapes = Reading.shapes(rows);
        Reading.Shape controlNet = Reading.controlNet(shapes);
        if (!context.memoryMatched()) { // under one memory cap, memory is equal by construction
            List<Reading.Pair> pairs = Reading.equalSizePairs(rows);
            if (pairs.isEmpty()) {
                String missing = "no arm pair in this run stands for a reading of \"the same adapter parameter size\" "
                        + "((a) flow swapped, (b) matched scope, (c) width slice or distill)";
                claims.add(missing(memoryClaim(), null, missing));
                claims.add(missing(speedClaim(null), null, missing));
            }
            for (Reading.Pair pair : pairs) {
                claims.add(evaluate(memoryClaim(), pair, true));
                claims.add(evaluate(speedClaim(pair), pair, true));
            }
        } else {
            Reading.Shape unicon = shapes.stream().filter(Reading.Shape::papersUnicon).findFirst().orElse(null);
            Spec params = new Spec("At the same training memory, UniCon's adapter has about twice the parameters",
                    "about 2x ControlNet's parameters at equal resources", Metric.TRAINABLE_PARAMS.key(),
                    ClaimRule.above(1.8, 1.2),
                    "widths chosen by budget.mode: memory: every searched arm takes the widest width whose measured peak "
                            + "fits the cap (budget.memory_mb, or with budget.cap_from the named arm's own measured peak, "
                            + "our reading of the paper's \"same resources\")");
            claims.add(unicon == null || controlNet == null
                    ? missing(params, Reading.SAME_RESOURCES,
                            "needs a UniCon arm and a ControlNet arm under one memory budget")
                    : evaluate(params, new Reading.Pair(Reading.SAME_RESOURCES, unicon.name(), controlNet.name()),
                            false));
        }
        Reading.Pair doubleSize = doubleSize(shapes, controlNet);
        String needsDouble = "needs a full unidirectional UniCon arm with at least " + DOUBLE_SIZE
                + "x ControlNet's trainable parameters";
        for (Spec fidelity : List.of(
                new Spec("A UniCon adapter with about twice the parameters controls better (SSIM)",
                        "SSIM 0.4748 -> 0.5458 (1.15x), Canny, DiT", Metric.SSIM.key(), ClaimRule.above(1, 1),
                        "mean over the evaluation samples of each seed"),
                new Spec("A UniCon adapter with about twice the parameters controls better (edge F1)",
                        "better control (edge F1 not reported by the paper; ControlNet++ protocol)",
                        Metric.EDGE_F1.key(),
                        ClaimRule.above(1, 1), "mean over the evaluation samples of each seed"))) {
            claims.add(doubleSize == null ? missing(fidelity, Reading.DOUBLE_SIZE, needsDouble)
                    : evaluate(fidelity, doubleSize, false));
        }
        return claims;
    }

    /** A claim: its words, the paper's figure, the metric of the ratio, the rule and a caveat. */
    private record Spec(String claim, String paper, String metric, ClaimRule rule, String note) {
    }

    private static Spec memoryClaim() {
        return new Spec("At equal adapter size, UniCon trains with about a third less memory",
                "0.67x ControlNet's memory",
                Metric.PEAK_MEMORY.key(), ClaimRule.atMost(0.80, 0.95), MEMORY_CAVEAT);
    }

    /**
     * The step-time claim of a pair: on the interleaved timing passes ({@code timedStepMs}) when every
     * completed row of both arms has them, else on the training steps ({@code medianStepMs}); the claim's
     * {@code metric} and {@code note} say which, so the two are never mixed in one ratio. In a run with
     * timing passes the claim's words say it too (console, {@code unicon table}, report); a run without
     * them keeps the words of runs before them.
     */
    private Spec speedClaim(Reading.Pair pair) {
        String passes = pair == null ? null : timedPasses(pair.arm(), pair.reference());
        String metric = passes != null ? Metric.TIMED_STEP.key() : Metric.MEDIAN_STEP.key();
        String note = passes != null
                ? "interleaved timing passes, " + passes + " per seed: median CPU step of fresh-JVM passes run after "
                        + "all training, the seed's arms back to back in a rotating order; the paper times a GPU"
                : "training steps: median CPU step time after warm-up, each arm timed while it trained (arms minutes "
                        + "apart, so the machine's drift is in the ratio); the paper times a GPU";
        boolean runTimed = rows.stream().anyMatch(r -> SeedComparisons.finite(r.get(Metric.TIMED_STEP.key())));
        String claim = "At equal adapter size, UniCon trains about 2.3x faster"
                + (passes != null ? " (interleaved timing passes, " + passes + " per seed)"
                        : runTimed ? " (training steps: an arm lacks interleaved timing passes on a seed)" : "");
        return new Spec(claim, "0.43x ControlNet's step time", metric, ClaimRule.atMost(0.60, 0.90), note);
    }

    /**
     * How many timing passes per seed the completed rows of both arms hold ({@code "3"}, or
     * {@code "2-3"} when they differ), or null when a row of either lacks {@code timedStepMs}.
     */
    private String timedPasses(String arm, String reference) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (String name : List.of(arm, reference)) {
            List<Map<String, Object>> armRows = SeedComparisons.completed(rows, name);
            if (armRows.isEmpty()) {
                return null;
            }
            for (Map<String, Object> r : armRows) {
                if (!SeedComparisons.finite(r.get(Metric.TIMED_STEP.key()))) {
                    return null;
                }
                counts.add(r.get("timedStepPassesMs") instanceof List<?> l ? l.size() : 0);
            }
        }
        return counts.first().equals(counts.last()) ? String.valueOf(counts.first())
                : counts.first() + "-" + counts.last();
    }

    /** The largest full unidirectional copy with at least {@link #DOUBLE_SIZE} ControlNet's parameters. */
    private Reading.Pair doubleSize(List<Reading.Shape> shapes, Reading.Shape controlNet) {
        if (controlNet == null) {
            return null;
        }
        Reading.Pair best = null;
        double bestRatio = DOUBLE_SIZE;
        for (Reading.Shape s : shapes) {
            if (!s.papersUnicon()) {
                continue;
            }
            SeedInterval r = SeedComparisons.pairedRatio(rows, s.name(), controlNet.name(),
                    Metric.TRAINABLE_PARAMS.key(), false);
            if (r != null && r.estimate() >= bestRatio) {
                best = new Reading.Pair(Reading.DOUBLE_SIZE, s.name(), controlNet.name());
                bestRatio = r.estimate();
            }
        }
        return best;
    }

    private Map<String, Object> evaluate(Spec spec, Reading.Pair pair, boolean equalSize) {
        SeedInterval ratio = SeedComparisons.pairedRatio(rows, pair.arm(), pair.reference(), spec.metric(),
                context.useT());
        Map<String, Object> c = base(spec, pair.reading(), pair.arm(), pair.reference(), ratio);
        // what a learning rate shapes: control; memory, step time and parameters do not depend on it
        String tuning = spec.metric().equals(Metric.SSIM.key()) || spec.metric().equals(Metric.EDGE_F1.key())
                ? tuningNote(pair) : null;
        if (tuning != null) {
            c.put("note", spec.note() == null ? tuning : spec.note() + "; " + tuning);
        }
        String untestable = untestable(pair, equalSize);
        if (ratio == null) {
            c.put("verdict", ClaimRule.NOT_TESTABLE);
            c.put("reason", spec.metric() + " was not measured for both arms on a common seed");
        } else if (untestable != null) {
            c.put("verdict", ClaimRule.NOT_TESTABLE);
            c.put("reason", untestable);
        } else {
            c.put("verdict", spec.rule().verdict(ratio));
            c.put("reason", spec.rule().reason(ratio));
        }
        return c;
    }

    /**
     * Why the run cannot carry a verdict on this pair, every reason that applies joined by "; " (so
     * that a run whose backbone fails the gate still says which arms learned no control), or null
     * when it can.
     */
    private String untestable(Reading.Pair pair, boolean equalSize) {
        List<String> reasons = new ArrayList<>();
        if (!QualityGate.passed(context.qualityGate())) {
            Object why = context.qualityGate() == null ? "not evaluated" : context.qualityGate().get("reason");
            reasons.add("the backbone's quality gate did not pass (" + why + ")");
        }
        if (equalSize) {
            SeedInterval params = SeedComparisons.pairedRatio(rows, pair.arm(), pair.reference(),
                    Metric.TRAINABLE_PARAMS.key(), false);
            if (params == null || Math.abs(params.estimate() - 1) > SIZE_TOLERANCE) {
                reasons.add(String.format(Locale.ROOT, "%s has %s %s's trainable parameters: not the same adapter "
                        + "size (needs within %.0f%%)", pair.arm(),
                        params == null ? "unknown"
                                : String.format(Locale.ROOT, "%.2fx", params.estimate()),
                        pair.reference(), SIZE_TOLERANCE * 100));
            }
        }
        for (String arm : List.of(pair.arm(), pair.reference())) {
            String notLearned = learnedNoControl(arm);
            if (notLearned != null) {
                reasons.add(notLearned);
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /**
     * With {@code training.lr_search.tuning_seed}, what the interval leaves out: each arm's learning
     * rate came from one search on a seed that is not evaluated, so the seeds' spread holds training
     * and evaluation noise but not the search's. Null when the arms searched per seed (or not at all).
     */
    private String tuningNote(Reading.Pair pair) {
        List<String> chosen = new ArrayList<>();
        Set<Long> tuningSeeds = new TreeSet<>();
        Set<String> scored = new TreeSet<>();
        for (String arm : List.of(pair.arm(), pair.reference())) {
            for (Map<String, Object> r : SeedComparisons.completed(rows, arm)) {
                if (r.get("lrSearch") instanceof Map<?, ?> search && search.get("seed") instanceof Number seed
                        && r.get("seed") instanceof Number own && seed.longValue() != own.longValue()) {
                    tuningSeeds.add(seed.longValue());
                    if ("clean".equals(search.get("heldOutTarget")) && search.get("heldOutFrom") instanceof Number f) {
                        scored.add("held-out clean-image loss from " + Math.round(f.doubleValue() * 100)
                                + "% of the schedule");
                    }
                    chosen.add(arm + " " + (r.get("learningRate") instanceof Number rate
                            ? new java.math.BigDecimal(rate.toString()).stripTrailingZeros().toPlainString() : "?"));
                    break;
                }
            }
        }
        return tuningSeeds.isEmpty() ? null : "learning rate chosen once per arm on tuning seed "
                + tuningSeeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (scored.isEmpty() ? "" : " by " + String.join(", ", scored))
                + " (" + String.join(", ", chosen) + "): the interval leaves out the search's own variance";
    }

    /**
     * Why {@code arm} did not learn control, or null when its control metric clears the backbone's.
     * Where the uncontrolled backbone was sampled on every seed's evaluation window (runs since
     * 4d82b95, 2026-11-30), the test is paired by seed: the interval of the arm's gain over the backbone on the
     * same seed's conditions must lie above zero. Older runs sampled the backbone on the first seed's
     * window only; there the arm's interval must clear that one value.
     */
    private String learnedNoControl(String arm) {
        ControlMetric control = context.control();
        List<Map<String, Object>> backbone = rows.stream().filter(r -> "none".equals(r.get("method"))
                && SeedComparisons.finite(r.get(control.metric()))).toList();
        List<Map<String, Object>> armRows = SeedComparisons.completed(rows, arm).stream()
                .filter(r -> SeedComparisons.finite(r.get(control.metric()))).toList();
        if (backbone.isEmpty() || armRows.isEmpty()) {
            return "cannot tell whether " + arm + " learned control: no " + control.metric()
                    + (backbone.isEmpty() ? " for the uncontrolled backbone row" : " for " + arm);
        }
        double sign = control.lowerIsBetter() ? -1 : 1;
        double[] gains = new double[armRows.size()];
        for (int i = 0; i < gains.length; i++) {
            Object seed = armRows.get(i).get("seed");
            Map<String, Object> same = backbone.stream().filter(b -> Objects.equals(b.get("seed"), seed)).findFirst()
                    .orElse(null);
            if (same == null) { // the backbone on the first seed's window only (older runs): the older rule
                return againstOneValue(arm, armRows, backbone.get(0));
            }
            gains[i] = sign * (number(armRows.get(i), control.metric()) - number(same, control.metric()));
        }
        SeedInterval i = SeedInterval.mean(gains, context.useT());
        return i.low() > 0 ? null : String.format(Locale.ROOT, "%s did not learn control: its %s gain over the "
                + "uncontrolled backbone on the same seed's conditions, [%.3f, %.3f] (%s, paired by seed), does not "
                + "lie above 0", arm, control.metric(), i.low(), i.high(), i.describe());
    }

    /** The rule for runs whose backbone was sampled on the first seed's window only. */
    private String againstOneValue(String arm, List<Map<String, Object>> armRows, Map<String, Object> backbone) {
        ControlMetric control = context.control();
        double plain = number(backbone, control.metric());
        SeedInterval i = SeedInterval.mean(armRows.stream().mapToDouble(r -> number(r, control.metric())).toArray(),
                context.useT());
        boolean clears = control.lowerIsBetter() ? i.high() < plain : i.low() > plain;
        return clears ? null : String.format(Locale.ROOT, "%s did not learn control: its %s [%.3f, %.3f] (%s) does not "
                + "clear the uncontrolled backbone's %.3f (sampled on the first seed's conditions only)", arm,
                control.metric(), i.low(), i.high(), i.describe(), plain);
    }

    private static double number(Map<String, Object> row, String metric) {
        return ((Number) row.get(metric)).doubleValue();
    }

    private Map<String, Object> missing(Spec spec, Reading reading, String why) {
        Map<String, Object> c = base(spec, reading, null, null, null);
        c.put("verdict", ClaimRule.NOT_TESTABLE);
        c.put("reason", "not measured in this run: " + why);
        return c;
    }

    private static Map<String, Object> base(Spec spec, Reading reading, String arm, String reference,
            SeedInterval ratio) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("claim", spec.claim());
        c.put("paper", spec.paper());
        c.put("reading", reading == null ? null : reading.id());
        c.put("readingText", reading == null ? null : reading.text());
        c.put("arm", arm);
        c.put("reference", reference);
        c.put("metric", spec.metric());
        if (ratio == null) {
            Map<String, Object> none = new LinkedHashMap<>();
            for (String k : List.of("estimate", "low", "high", "level", "method")) {
                none.put(k, null);
            }
            none.put("n", 0);
            c.put("interval", none);
        } else {
            c.put("interval", SeedComparisons.json(ratio));
        }
        c.put("verdict", null);
        c.put("reason", null);
        c.put("rule", spec.rule().describe());
        c.put("note", spec.note());
        return c;
    }
}
