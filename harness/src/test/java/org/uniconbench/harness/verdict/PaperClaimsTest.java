package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperClaimsTest {

    static final Map<String, Object> GATE_PASSED = Map.of("passed", true, "reason", "passed");

    /** One arm's rows over {@code seeds}: memory and step time scale with the base, small noise per seed. */
    static void arm(List<Map<String, Object>> rows, int seeds, String name, String method, Map<String, Object> shape,
            long params, double memory, double stepMs, double edgeF1) {
        for (int s = 0; s < seeds; s++) {
            double noise = Math.exp(0.01 * (s - 2) * (name.length() % 3 + 1));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", name);
            r.put("method", method);
            r.put("seed", s);
            r.put("status", "completed");
            r.putAll(shape);
            r.put("trainableParams", params);
            r.put("peakMemoryBytes", memory * 1e6 * (1 + 0.1 * s) * noise);
            r.put("medianStepMs", stepMs * (1 + 0.05 * s) / noise);
            r.put("edgeF1", edgeF1 * noise);
            r.put("ssim", 2 * edgeF1 * noise);
            rows.add(r);
        }
    }

    static List<Map<String, Object>> withBackbone() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>(Map.of("name", "backbone", "method", "none", "seed", 0, "status", "completed",
                "edgeF1", 0.08, "ssim", 0.12)));
        return rows;
    }

    /** ControlNet and one arm per reading, every arm learning control. */
    static List<Map<String, Object>> everyReading(int seeds) {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, seeds, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, seeds, "full-bi", "unicon", Map.of("scope", "full", "flow", "bidirectional", "width", 1.0), 2500,
                150, 80, 0.6);
        arm(rows, seeds, "full-uni", "unicon", Map.of("scope", "full", "flow", "unidirectional", "width", 1.0), 2500,
                110, 70, 0.66);
        arm(rows, seeds, "decoder", "unicon", Map.of("scope", "decoder", "flow", "unidirectional", "width", 1.0), 1040,
                70, 65, 0.5);
        arm(rows, seeds, "slice", "unicon", Map.of("scope", "full", "flow", "unidirectional", "adapterWidth", 0.6,
                "adapterInit", "slice"), 990, 70, 65, 0.4);
        arm(rows, seeds, "distill", "unicon", Map.of("scope", "full", "flow", "unidirectional", "adapterWidth", 0.6,
                "adapterInit", "distill"), 990, 70, 65, 0.5);
        return rows;
    }

    static List<Map<String, Object>> claims(List<Map<String, Object>> rows, boolean useT, Map<String, Object> gate) {
        return PaperClaims.of(rows, new PaperClaims.Context(useT, false, gate, PaperClaims.ControlMetric.of("canny")));
    }

    static Map<String, Object> find(List<Map<String, Object>> claims, String reading, String metric) {
        return claims.stream().filter(c -> reading.equals(c.get("reading")) && metric.equals(c.get("metric")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + reading + " " + metric + " in " + claims));
    }

    static Map<?, ?> interval(Map<String, Object> claim) {
        return (Map<?, ?>) claim.get("interval");
    }

    @Test
    void eachReadingOfEqualSizeIsItsOwnRowWithItsPair() {
        List<Map<String, Object>> claims = claims(everyReading(5), true, GATE_PASSED);
        assertEquals(List.of("a-flow-swapped", "a-flow-swapped", "b-matched-scope", "b-matched-scope", "c-width-slice",
                "c-width-slice", "c-width-distill", "c-width-distill", "double-size", "double-size"),
                claims.stream().map(c -> c.get("reading")).toList());
        Map<String, Object> flow = find(claims, "a-flow-swapped", "peakMemoryBytes");
        assertEquals("full-uni", flow.get("arm"));
        assertEquals("full-bi", flow.get("reference"),
                "(a) compares the same copy with its flow swapped, not ControlNet");
        assertEquals("decoder", find(claims, "b-matched-scope", "peakMemoryBytes").get("arm"));
        assertEquals("slice", find(claims, "c-width-slice", "peakMemoryBytes").get("arm"));
        assertEquals("distill", find(claims, "c-width-distill", "medianStepMs").get("arm"));
        assertEquals("full-uni", find(claims, "double-size", "ssim").get("arm"));
        for (Map<String, Object> c : claims) {
            assertTrue(c.get("readingText").toString().length() > 20, c.toString());
        }
    }

    @Test
    void fiveSeedsGiveDecisiveVerdictsOnANamedTInterval() {
        List<Map<String, Object>> claims = claims(everyReading(5), true, GATE_PASSED);
        Map<String, Object> memory = find(claims, "c-width-slice", "peakMemoryBytes");
        assertEquals("holds", memory.get("verdict"), memory.toString());
        assertEquals(0.7, (Double) interval(memory).get("estimate"), 0.01);
        assertEquals("paired log-ratio t", interval(memory).get("method"));
        assertEquals(0.95, interval(memory).get("level"));
        assertEquals(5, interval(memory).get("n"));
        assertTrue(memory.get("reason").toString().contains("95% paired log-ratio t, n = 5"), memory.toString());
        Map<String, Object> speed = find(claims, "a-flow-swapped", "medianStepMs");
        assertEquals("inconclusive", speed.get("verdict"), "0.875x lies between 0.60 and 0.90: " + speed);
        Map<String, Object> ssim = find(claims, "double-size", "ssim");
        assertEquals("holds", ssim.get("verdict"), ssim.toString());
    }

    @Test
    void aControlNetThatIsFasterMakesTheSpeedClaimFail() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "slice", "unicon", Map.of("width", 0.6), 1000, 70, 65, 0.5);
        Map<String, Object> speed = find(claims(rows, true, GATE_PASSED), "c-width-slice", "medianStepMs");
        assertEquals("does-not-hold", speed.get("verdict"), speed.toString());
        assertEquals("c-width-slice", speed.get("reading"), "an old row without adapterWidth reads its width");
    }

    /** Every row gains interleaved timing passes whose median is {@code factor} times its training median. */
    static void timed(List<Map<String, Object>> rows, String arm, double factor, int passes) {
        for (Map<String, Object> r : rows) {
            if (arm.equals(r.get("name"))) {
                double step = factor * ((Number) r.get("medianStepMs")).doubleValue();
                r.put("timedStepMs", step);
                r.put("timedStepPassesMs", java.util.Collections.nCopies(passes, step));
            }
        }
    }

    @Test
    void theStepClaimUsesTheInterleavedPassesWhenBothArmsHaveThemOnEverySeedAndSaysSo() {
        List<Map<String, Object>> rows = everyReading(5);
        // training medians: full-uni / full-bi = 0.875; the passes, taken side by side, say 0.5
        timed(rows, "full-uni", 0.5, 3);
        timed(rows, "full-bi", 0.875, 3);
        List<Map<String, Object>> claims = claims(rows, true, GATE_PASSED);
        Map<String, Object> flow = find(claims, "a-flow-swapped", "timedStepMs");
        assertEquals(0.5, (Double) interval(flow).get("estimate"), 1e-6, flow.toString());
        assertEquals("holds", flow.get("verdict"), flow.toString());
        assertTrue(flow.get("note").toString().startsWith("interleaved timing passes, 3 per seed"), flow.toString());
        assertTrue(flow.get("claim").toString().endsWith("(interleaved timing passes, 3 per seed)"), flow.toString());
        assertTrue(claims.stream().noneMatch(c -> "a-flow-swapped".equals(c.get("reading"))
                && "medianStepMs".equals(c.get("metric"))), "one step claim per pair, never both");
    }

    @Test
    void theStepClaimFallsBackToTrainingStepsWhenAnArmLacksTheInterleavedPassesOnASeed() {
        List<Map<String, Object>> rows = everyReading(5);
        for (String arm : List.of("controlnet", "slice", "full-uni", "full-bi")) {
            timed(rows, arm, 0.5, 2);
        }
        rows.stream().filter(r -> "controlnet".equals(r.get("name")) && Integer.valueOf(3).equals(r.get("seed")))
                .findFirst().orElseThrow().remove("timedStepMs"); // its pass failed on seed 3
        List<Map<String, Object>> claims = claims(rows, true, GATE_PASSED);
        Map<String, Object> slice = find(claims, "c-width-slice", "medianStepMs");
        assertTrue(slice.get("note").toString().startsWith("training steps"), slice.toString());
        assertTrue(slice.get("claim").toString().contains("(training steps"), "the run has passes: " + slice);
        Map<String, Object> distill = find(claims, "c-width-distill", "medianStepMs");
        assertTrue(distill.get("note").toString().startsWith("training steps"), "distill has no passes: " + distill);
        Map<String, Object> flow = find(claims, "a-flow-swapped", "timedStepMs");
        assertTrue(flow.get("note").toString().startsWith("interleaved timing passes, 2 per seed"), flow.toString());
        Map<String, Object> untimed = find(claims(everyReading(5), true, GATE_PASSED), "c-width-slice",
                "medianStepMs");
        assertEquals("At equal adapter size, UniCon trains about 2.3x faster", untimed.get("claim"),
                "a run without timing passes keeps the claim's words");
        assertTrue(untimed.get("note").toString().startsWith("training steps"), untimed.toString());
    }

    @Test
    void threeSeedsGiveARangeAndNeverAVerdict() {
        List<Map<String, Object>> claims = claims(everyReading(3), true, GATE_PASSED);
        Map<String, Object> memory = find(claims, "c-width-slice", "peakMemoryBytes");
        assertEquals("inconclusive", memory.get("verdict"), "every seed agrees, yet three seeds cannot decide");
        assertEquals("range", interval(memory).get("method"));
        assertNull(interval(memory).get("level"));
        assertTrue(memory.get("reason").toString().startsWith("range of 3 seeds"), memory.toString());
        assertTrue(claims.stream().noneMatch(c -> Set.of("holds", "does-not-hold").contains(c.get("verdict"))));
    }

    @Test
    void aFailedOrUnevaluatedQualityGateMakesEveryClaimNotTestable() {
        Map<String, Object> failed = QualityGate.evaluate(Map.of("fdClassifier", 40.0, "featureN", 128),
                Map.of("fdClassifier", 2.0, "featureN", 128), 3.0);
        Map<String, Object> small = QualityGate.evaluate(Map.of("fdClassifier", 3.0, "featureN", 16),
                Map.of("fdClassifier", 2.0, "featureN", 16), 3.0);
        for (Map<String, Object> gate : List.of(failed, small)) {
            for (Map<String, Object> c : claims(everyReading(5), true, gate)) {
                assertEquals("not-testable", c.get("verdict"), c.toString());
                assertTrue(c.get("reason").toString().contains("quality gate"), c.toString());
                assertFalse(((Map<?, ?>) c.get("interval")).get("estimate") == null, "the measurement is still shown");
            }
        }
    }

    @Test
    void anArmThatLearnedNoControlMakesItsClaimsNotTestable() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "slice", "unicon", Map.of("width", 0.6), 1000, 70, 65, 0.08); // the backbone's edge F1
        Map<String, Object> memory = find(claims(rows, true, GATE_PASSED), "c-width-slice", "peakMemoryBytes");
        assertEquals("not-testable", memory.get("verdict"), "a 0.7x memory ratio of an adapter that controls nothing");
        assertTrue(memory.get("reason").toString().contains("slice did not learn control"), memory.toString());
    }

    /** The uncontrolled backbone sampled on every seed's conditions, with these edge F1 values. */
    static List<Map<String, Object>> backboneOnEverySeed(double... edgeF1) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < edgeF1.length; s++) {
            rows.add(new LinkedHashMap<>(Map.of("name", "backbone", "method", "none", "seed", s, "status",
                    "completed", "edgeF1", edgeF1[s], "ssim", 0.12)));
        }
        return rows;
    }

    /** A slice arm with these per-seed edge F1 values beside a ControlNet that learned control. */
    static String sliceReason(List<Map<String, Object>> rows, double... edgeF1) {
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "slice", "unicon", Map.of("adapterWidth", 0.6), 1000, 70, 65, 0.5);
        List<Map<String, Object>> slice = rows.stream().filter(r -> "slice".equals(r.get("name"))).toList();
        for (int s = 0; s < slice.size(); s++) {
            slice.get(s).put("edgeF1", edgeF1[s]);
        }
        Object reason = find(claims(rows, true, GATE_PASSED), "c-width-slice", "peakMemoryBytes").get("reason");
        return reason == null ? "" : reason.toString();
    }

    @Test
    void anArmNoBetterThanTheBackboneOnEachSeedsOwnConditionsLearnedNoControl() {
        // over seeds the arm's values spread above the first seed's backbone value, but seed by seed the
        // arm is a little below the backbone on the same conditions
        double[] backbone = {0.08, 0.12, 0.13, 0.14, 0.15};
        String reason = sliceReason(backboneOnEverySeed(backbone), 0.076, 0.114, 0.126, 0.137, 0.144);
        assertTrue(reason.contains("slice did not learn control: its edgeF1 gain over the uncontrolled backbone on "
                + "the same seed's conditions, ["), reason);
        assertTrue(reason.contains("(95% t, n = 5, paired by seed), does not lie above 0"), reason);
    }

    @Test
    void anArmAboveTheBackboneOnEachSeedsOwnConditionsLearnedControlWhereOneBackboneValueWouldSayNot() {
        // seed 0's conditions are easy (the backbone scores high there), the arm gains 0.02 on every seed
        double[] backbone = {0.15, 0.05, 0.06, 0.05, 0.07};
        String reason = sliceReason(backboneOnEverySeed(backbone), 0.170, 0.071, 0.079, 0.070, 0.092);
        assertFalse(reason.contains("did not learn control"), reason);
        String againstSeed0 = sliceReason(withBackboneAt(0.15), 0.170, 0.071, 0.079, 0.070, 0.092);
        assertTrue(againstSeed0.contains("slice did not learn control")
                && againstSeed0.contains("sampled on the first seed's conditions only"), againstSeed0);
    }

    static List<Map<String, Object>> withBackboneAt(double edgeF1) {
        return backboneOnEverySeed(edgeF1);
    }

    @Test
    void aNotTestableClaimGivesEveryReasonThatApplies() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "slice", "unicon", Map.of("adapterWidth", 0.6), 1000, 70, 65, 0.08); // the backbone's edge F1
        Map<String, Object> failed = QualityGate.evaluate(Map.of("fdClassifier", 40.0, "featureN", 128),
                Map.of("fdClassifier", 2.0, "featureN", 128), 3.0);
        String reason = find(claims(rows, true, failed), "c-width-slice", "peakMemoryBytes").get("reason").toString();
        assertTrue(reason.startsWith("the backbone's quality gate did not pass"), reason);
        assertTrue(reason.contains("; slice did not learn control"),
                "a passing gate would still leave this arm's claims not testable: " + reason);
        assertFalse(reason.contains("controlnet did not learn"), reason);
    }

    @Test
    void anEqualSizeReadingWithUnequalParametersIsNotTestable() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "slice", "unicon", Map.of("adapterWidth", 0.8), 1300, 70, 65, 0.5);
        Map<String, Object> memory = find(claims(rows, true, GATE_PASSED), "c-width-slice", "peakMemoryBytes");
        assertEquals("not-testable", memory.get("verdict"));
        assertTrue(memory.get("reason").toString().contains("not the same adapter size"), memory.toString());
    }

    @Test
    void aRunWithoutAMatchingPairSaysWhyEachClaimCannotBeTested() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        List<Map<String, Object>> claims = claims(rows, true, GATE_PASSED);
        assertEquals(4, claims.size(), "memory and speed without a reading, two double-size claims");
        for (Map<String, Object> c : claims) {
            assertEquals("not-testable", c.get("verdict"));
            assertTrue(c.get("reason").toString().startsWith("not measured in this run"), c.toString());
            assertEquals(0, interval(c).get("n"));
        }
        assertNull(claims.get(0).get("reading"));
    }

    @Test
    void underAMemoryCapTheParameterRatioIsTheOnlyCostClaim() {
        List<Map<String, Object>> rows = withBackbone();
        arm(rows, 5, "controlnet", "controlnet", Map.of(), 1000, 100, 50, 0.6);
        arm(rows, 5, "unicon", "unicon", Map.of("width", 0.8), 2500, 100, 65, 0.7);
        List<Map<String, Object>> claims = PaperClaims.of(rows, new PaperClaims.Context(true, true, GATE_PASSED,
                PaperClaims.ControlMetric.of("canny")));
        Map<String, Object> params = find(claims, "same-resources", "trainableParams");
        assertEquals("holds", params.get("verdict"), params.toString());
        assertEquals(2.5, (Double) interval(params).get("estimate"), 1e-12);
        assertTrue(claims.stream().noneMatch(c -> "peakMemoryBytes".equals(c.get("metric"))),
                "memory is equal by construction under a cap");
    }

    @Test
    void everyClaimHasTheDocumentedShape() {
        for (boolean useT : new boolean[] {true, false}) {
            for (Map<String, Object> c : claims(everyReading(5), useT, GATE_PASSED)) {
                assertTrue(Set.of("holds", "does-not-hold", "inconclusive", "not-testable").contains(c.get("verdict")));
                assertFalse(c.get("reason").toString().isBlank(), c.toString());
                assertTrue(
                        interval(c).keySet().containsAll(List.of("estimate", "low", "high", "level", "method", "n")));
            }
        }
    }

    @Test
    void aSearchOnATuningSeedIsNamedInTheClaimsNoteAndAPerSeedSearchIsNot() {
        List<Map<String, Object>> rows = everyReading(5);
        assertFalse(String.valueOf(find(claims(rows, true, GATE_PASSED), "double-size", "edgeF1").get("note"))
                .contains("tuning seed"));
        for (Map<String, Object> r : rows) {
            r.put("lrSearch", Map.of("seed", 1000, "chosen", 3.0e-4));
            r.put("learningRate", 3.0e-4);
        }
        Map<String, Object> edge = find(claims(rows, true, GATE_PASSED), "double-size", "edgeF1");
        assertEquals("mean over the evaluation samples of each seed; learning rate chosen once per arm on tuning seed "
                + "1000 (full-uni 0.0003, controlnet 0.0003): the interval leaves out the search's own variance",
                edge.get("note"));
        assertFalse(String.valueOf(find(claims(rows, true, GATE_PASSED), "a-flow-swapped", "peakMemoryBytes")
                .get("note")).contains("tuning seed"), "memory does not depend on the learning rate");
    }

    @Test
    void aSearchScoredOnTheCleanImageSaysSoInTheClaimsNote() {
        List<Map<String, Object>> rows = everyReading(5);
        for (Map<String, Object> r : rows) {
            r.put("lrSearch", Map.of("seed", 1000, "chosen", 3.0e-4, "heldOutTarget", "clean", "heldOutFrom", 0.5));
            r.put("learningRate", 3.0e-4);
        }
        String note = String.valueOf(find(claims(rows, true, GATE_PASSED), "double-size", "edgeF1").get("note"));
        assertTrue(note.contains("on tuning seed 1000 by held-out clean-image loss from 50% of the schedule ("),
                note);
    }
}
