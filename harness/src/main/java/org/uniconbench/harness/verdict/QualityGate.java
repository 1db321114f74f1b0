package org.uniconbench.harness.verdict;

import org.uniconbench.harness.experiment.EvaluationSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the frozen backbone is good enough for a verdict on control: its unconditional samples'
 * FD-classifier (the {@code backbone} row, sampled without control) against the real-vs-real floor
 * (two disjoint real sets of the same N, {@code realVsReal}). It passes when
 * {@code fdClassifier <= multiple x floor}. Both figures carry the same small-N bias, so their ratio
 * reads the backbone's distance from real images in units of real-vs-real sampling noise; the
 * default multiple ({@code evaluation.quality_gate_multiple}, 3) is a loose bar meant to stop
 * backbones whose samples are not images of the data set (blobs), not to rank good generators.
 *
 * <p>Below {@value #MIN_N} images per set the FD is too biased and noisy to gate anything: the gate
 * is "not evaluated" ({@code passed: null}), and a claim can then not be tested.
 *
 * <p>Both sides are means over draws ({@code BackboneGate.DRAWS}): the backbone's FD-classifier
 * over several starting noises of its N samples, the floor over several disjoint real sets of N;
 * one draw of either moved by a third or more.
 *
 * <p>Written as the run summary's {@code backbone.qualityGate}:
 * {@code {passed, fdClassifier, floor, n, multiple, minN, ratio, reason}}, with
 * {@code draws, fdClassifierDraws} (the row's FD-classifier first) when averaged, and
 * {@code floorDraws} when the floor is (its draws are {@code realVsReal.gateDraws}, the first
 * {@code realVsReal.fdClassifier}).
 */
final class QualityGate {

    /** Images per set the gate needs. */
    static final int MIN_N = EvaluationSpec.QUALITY_GATE_MIN_N;

    private QualityGate() {
    }

    /**
     * Evaluates the gate.
     *
     * @param backboneRow the uncontrolled backbone's row, or null
     * @param realVsReal the floor's fields, or null
     * @param multiple how many times the floor the backbone may be
     * @return the gate as the run summary writes it
     */
    static Map<String, Object> evaluate(Map<String, Object> backboneRow, Map<String, Object> realVsReal,
            double multiple) {
        return evaluate(backboneRow, realVsReal, multiple, null);
    }

    /**
     * Evaluates the gate on the mean FD-classifier over the backbone's starting noises.
     *
     * @param backboneRow the uncontrolled backbone's row, or null
     * @param realVsReal the floor's fields, or null
     * @param multiple how many times the floor the backbone may be
     * @param draws the backbone's FD-classifier per starting noise, the row's first
     *     ({@code BackboneGate.draws}), or null for the row's alone (runs before the draws)
     * @return the gate as the run summary writes it, with {@code draws} and {@code fdClassifierDraws}
     *     when there was more than one
     */
    static Map<String, Object> evaluate(Map<String, Object> backboneRow, Map<String, Object> realVsReal,
            double multiple, List<Object> draws) {
        List<Double> values = draws == null ? List.of()
                : draws.stream().map(QualityGate::number).filter(java.util.Objects::nonNull).toList();
        Double fd = number(backboneRow == null ? null : backboneRow.get("fdClassifier"));
        if (fd != null && values.size() > 1) {
            fd = new Draws(values).mean();
        }
        Double floor = number(realVsReal == null ? null : realVsReal.get("fdClassifier"));
        List<Double> floors = realVsReal != null && realVsReal.get(SeedStatistics.GATE_DRAWS) instanceof List<?> f
                ? f.stream().map(QualityGate::number).filter(java.util.Objects::nonNull).toList() : List.of();
        if (floor != null && floors.size() > 1) {
            floor = new Draws(floors).mean();
        }
        Double n = number(backboneRow == null ? null : backboneRow.get("featureN"));
        Double floorN = number(realVsReal == null ? null : realVsReal.get("featureN"));
        Map<String, Object> gate = new LinkedHashMap<>();
        Boolean passed = null;
        String reason;
        if (fd == null || floor == null || n == null) {
            reason = "not evaluated: the run has no uncontrolled backbone row with an FD-classifier, or no real-vs-real floor";
        } else if (floorN == null || !floorN.equals(n)) {
            reason = "not evaluated: the backbone's N (" + n.intValue() + ") differs from the floor's (" + floorN + ")";
        } else if (n < MIN_N) {
            reason = "not evaluated: N = " + n.intValue() + " images per set is below " + MIN_N
                    + "; FD at this N is too biased to gate (raise evaluation.samples)";
        } else {
            passed = fd <= multiple * floor;
            reason = String.format(Locale.ROOT, "%s: the backbone's FD-classifier %.3g%s is %.2fx the real-vs-real "
                    + "floor %.3g%s at N = %d (allowed: %sx)", passed ? "passed" : "failed", fd,
                    spread(values, "starting noises"), fd / floor, floor, spread(floors, "real sets"), n.intValue(),
                    multiple);
        }
        gate.put("passed", passed);
        gate.put("fdClassifier", fd);
        gate.put("floor", floor);
        gate.put("n", n == null ? null : n.intValue());
        gate.put("multiple", multiple);
        gate.put("minN", MIN_N);
        gate.put("ratio", fd != null && floor != null && floor > 0 ? fd / floor : null);
        gate.put("reason", reason);
        if (values.size() > 1) {
            gate.put("draws", values.size());
            gate.put("fdClassifierDraws", values);
        }
        if (floors.size() > 1) {
            gate.put("floorDraws", floors);
        }
        return gate;
    }

    /** " (mean of 5 starting noises, 0.834-1.43)", or nothing for one draw or none. */
    private static String spread(List<Double> draws, String what) {
        return draws.isEmpty() ? "" : new Draws(draws).spread(what);
    }

    /** Whether a gate written by {@link #evaluate} passed (false when failed or not evaluated). */
    static boolean passed(Map<String, Object> gate) {
        return gate != null && Boolean.TRUE.equals(gate.get("passed"));
    }

    private static Double number(Object v) {
        return v instanceof Number x && Double.isFinite(x.doubleValue()) ? x.doubleValue() : null;
    }
}
