package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SeedComparisonsTest {

    static Map<String, Object> row(String name, String method, int seed, long params, double memory, double stepMs,
            double ssim) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("method", method);
        r.put("seed", seed);
        r.put("status", "completed");
        r.put("trainableParams", params);
        r.put("peakMemoryBytes", memory);
        r.put("medianStepMs", stepMs);
        r.put("ssim", ssim);
        r.put("edgeF1", ssim / 2);
        r.put("psnr", 15.0);
        return r;
    }

    /** Three seeds: half-size UniCon at 0.7x memory but 1.3x step time; full UniCon better SSIM. */
    static List<Map<String, Object>> threeSeeds(int seeds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("backbone", "none", 0, 0, 0, 0, 0.1));
        double[] base = {0.60, 0.55, 0.65};
        for (int s = 0; s < seeds; s++) {
            double memory = 100e6 * (1 + 0.1 * s);
            rows.add(row("controlnet", "controlnet", s, 1000, memory, 50 + s, base[s]));
            rows.add(row("unicon-half", "unicon", s, 1020, 0.7 * memory, 1.3 * (50 + s), base[s] - 0.2));
            rows.add(row("unicon-full", "unicon", s, 2500, 1.1 * memory, 2.0 * (50 + s), base[s] + 0.05));
        }
        return rows;
    }

    static Map<String, Object> claim(List<Map<String, Object>> claims, String metric, int index) {
        return claims.stream().filter(c -> metric.equals(c.get("metric"))).toList().get(index);
    }

    @Test
    void ratiosArePairedBySeedAndNameTheirInterval() {
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(threeSeeds(3), true);
        assertEquals(2, comparisons.size());
        Map<?, ?> memory = (Map<?, ?>) ((Map<?, ?>) comparisons.get(0).get("ratios")).get("peakMemoryBytes");
        assertEquals(0.7, (Double) memory.get("estimate"), 1e-12);
        assertEquals(0.7, (Double) memory.get("high"), 1e-12, "paired by seed: no spread");
        assertEquals("range", memory.get("method"), "three seeds: a range, not a 95% interval");
        assertNull(memory.get("level"));
        assertEquals(3, memory.get("n"));
        assertEquals("unicon-half", comparisons.get(0).get("arm"));
        assertEquals("controlnet", comparisons.get(0).get("reference"));
    }

    @Test
    void fiveSeedsGiveTIntervalsWhenTheRunAsksForThem() {
        List<Map<String, Object>> rows = new ArrayList<>(threeSeeds(3));
        for (int s = 3; s < 5; s++) {
            rows.add(row("controlnet", "controlnet", s, 1000, 100e6, 50, 0.6 + 0.01 * s));
            rows.add(row("unicon-half", "unicon", s, 1020, 70e6, 65, 0.4));
            rows.add(row("unicon-full", "unicon", s, 2500, 110e6, 100, 0.65));
        }
        Map<?, ?> ssim = (Map<?, ?>) ((Map<?, ?>) SeedComparisons.aggregates(rows, true).get(1).get("metrics"))
                .get("ssim"); // the controlnet arm's (the backbone's comes first)
        assertEquals("t", ssim.get("method"));
        assertEquals(0.95, ssim.get("level"));
        assertEquals(5, ssim.get("n"));
        Map<?, ?> step = (Map<?, ?>) ((Map<?, ?>) SeedComparisons.comparisons(rows, true).get(0).get("ratios"))
                .get("medianStepMs");
        assertEquals("paired log-ratio t", step.get("method"));
        assertEquals("range", ((Map<?, ?>) ((Map<?, ?>) SeedComparisons.comparisons(rows, false).get(0).get("ratios"))
                .get("medianStepMs")).get("method"), "evaluation.interval: range keeps ranges at any n");
    }

    @Test
    void aggregatesGiveMeanAndIntervalPerArmTheUncontrolledBackboneFirst() {
        List<Map<String, Object>> aggregates = SeedComparisons.aggregates(threeSeeds(3), true);
        assertEquals(List.of("backbone", "controlnet", "unicon-half", "unicon-full"),
                aggregates.stream().map(a -> a.get("arm")).toList());
        assertEquals("none", aggregates.get(0).get("method"));
        Map<?, ?> ssim = (Map<?, ?>) ((Map<?, ?>) aggregates.get(1).get("metrics")).get("ssim");
        assertEquals(0.60, (Double) ssim.get("estimate"), 1e-12);
        assertEquals(0.55, (Double) ssim.get("low"), 1e-12, "the range of three seeds");
        assertEquals(0.65, (Double) ssim.get("high"), 1e-12);
        assertEquals(3, ssim.get("n"));
    }

    @Test
    void ablationArmsAreComparedWithTheFirstArm() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Map<String, Object> uni = row("full-uni", "unicon", s, 1000, 100e6, 50, 0.6);
            uni.put("flow", "unidirectional");
            Map<String, Object> bi = row("full-bi", "unicon", s, 1000, 150e6, 80, 0.5);
            bi.put("flow", "bidirectional");
            rows.add(uni);
            rows.add(bi);
        }
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(rows, true);
        assertEquals(1, comparisons.size());
        assertEquals("full-uni", comparisons.get(0).get("reference"),
                "no controlnet arm: the first arm is the reference");
        assertEquals(false, comparisons.get(0).get("paperVariants"));
    }
}
