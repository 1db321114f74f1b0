package org.uniconbench.harness.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void pairedRatiosAndVerdictsFollowTheStatedRules() {
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(threeSeeds(3));
        assertEquals(2, comparisons.size());
        List<Map<String, Object>> claims = SeedComparisons.claims(comparisons);
        Map<String, Object> memory = claim(claims, "peakMemoryBytes", 0);
        assertEquals("unicon-half", memory.get("arm"), "equal size = within 10% of ControlNet's parameters");
        assertEquals(0.7, (Double) memory.get("estimate"), 1e-12);
        assertEquals(0.7, (Double) memory.get("high"), 1e-12, "paired by seed: no spread");
        assertEquals("holds", memory.get("verdict"));
        Map<String, Object> speed = claim(claims, "medianStepMs", 0);
        assertEquals("does not hold", speed.get("verdict"), speed.toString());
        Map<String, Object> ssim = claim(claims, "ssim", 0);
        assertEquals("unicon-full", ssim.get("arm"), "twice the size = the largest arm above 1.5x");
        assertTrue((Double) ssim.get("low") > 1, ssim.toString());
        assertEquals("holds", ssim.get("verdict"));
    }

    @Test
    void oneSeedIsAlwaysInconclusive() {
        List<Map<String, Object>> claims = SeedComparisons.claims(SeedComparisons.comparisons(threeSeeds(1)));
        for (Map<String, Object> c : claims) {
            assertEquals("inconclusive", c.get("verdict"), c.toString());
        }
        assertTrue(claim(claims, "peakMemoryBytes", 0).get("note").toString().startsWith("1 seed(s)"));
    }

    @Test
    void aClaimWithoutAMatchingArmSaysWhatIsMissing() {
        List<Map<String, Object>> rows = new ArrayList<>(threeSeeds(3));
        rows.removeIf(r -> "unicon-full".equals(r.get("name")));
        Map<String, Object> ssim = claim(SeedComparisons.claims(SeedComparisons.comparisons(rows)), "ssim", 0);
        assertNull(ssim.get("estimate"));
        assertEquals("inconclusive", ssim.get("verdict"));
        assertTrue(ssim.get("note").toString().contains("1.5x"), ssim.toString());
    }

    @Test
    void aggregatesGiveMeanAndIntervalPerArm() {
        List<Map<String, Object>> aggregates = SeedComparisons.aggregates(threeSeeds(3));
        assertEquals(List.of("controlnet", "unicon-half", "unicon-full"),
                aggregates.stream().map(a -> a.get("arm")).toList());
        Map<?, ?> ssim = (Map<?, ?>) ((Map<?, ?>) aggregates.get(0).get("metrics")).get("ssim");
        assertEquals(0.60, (Double) ssim.get("mean"), 1e-12);
        assertTrue((Double) ssim.get("low") <= 0.60 && (Double) ssim.get("high") >= 0.60);
        assertEquals(3, ssim.get("n"));
    }

    @Test
    void underAMemoryCapTheParameterRatioIsTheClaim() {
        List<Map<String, Object>> rows = new ArrayList<>(threeSeeds(3));
        rows.removeIf(r -> "unicon-half".equals(r.get("name"))); // one UniCon arm, 2.5x parameters at the cap
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(rows);
        Map<String, Object> params = claim(SeedComparisons.claims(comparisons, true), "trainableParams", 0);
        assertEquals(2.5, (Double) params.get("estimate"), 1e-12);
        assertEquals("holds", params.get("verdict"));
        assertTrue(SeedComparisons.claims(comparisons, false).stream()
                .noneMatch(c -> "trainableParams".equals(c.get("metric"))), "only memory-matched runs make this claim");
    }

    @Test
    void ablationArmsAreComparedWithTheFirstArmButNotCountedAsThePapersUnicon() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Map<String, Object> uni = row("full-uni", "unicon", s, 1000, 100e6, 50, 0.6);
            uni.put("flow", "unidirectional");
            Map<String, Object> bi = row("full-bi", "unicon", s, 1000, 150e6, 80, 0.5);
            bi.put("flow", "bidirectional");
            rows.add(uni);
            rows.add(bi);
        }
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(rows);
        assertEquals(1, comparisons.size());
        assertEquals("full-uni", comparisons.get(0).get("reference"), "no controlnet arm: the first arm is the reference");
        assertEquals(false, comparisons.get(0).get("paperVariants"));
        assertNull(claim(SeedComparisons.claims(comparisons), "peakMemoryBytes", 0).get("estimate"));
    }

    @Test
    void onlyTheFullUnidirectionalCopyStandsForUniconInThePapersClaims() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Map<String, Object> encoder = row("encoder", "controlnet", s, 1000, 100e6, 50, 0.6);
            encoder.put("scope", "encoder");
            encoder.put("flow", "bidirectional");
            Map<String, Object> discard = row("discard", "unicon", s, 1000, 60e6, 30, 0.3);
            discard.put("scope", "discard");
            discard.put("flow", "unidirectional");
            rows.add(encoder);
            rows.add(discard);
        }
        List<Map<String, Object>> comparisons = SeedComparisons.comparisons(rows);
        assertEquals(1, comparisons.size(), "the ablation arm is still compared");
        assertNull(claim(SeedComparisons.claims(comparisons), "peakMemoryBytes", 0).get("estimate"),
                "but a discard copy does not stand for UniCon in the paper's claims");
    }
}
