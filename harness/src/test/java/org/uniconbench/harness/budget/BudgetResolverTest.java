package org.uniconbench.harness.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.Blueprint;

/** Budgets become widths before arms train: parameters counted for real, memory from a made-up function. */
class BudgetResolverTest {

    private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

    private static Experiment parse(String budget) {
        return ExperimentLoader.parse("""
                name: t
                backbone: {channels: [16, 32, 64]}
                arms:
                  - {name: cn, method: controlnet}
                  - {name: uc, method: unicon}
                  - {name: uc-shallow, method: unicon, adapter: {connector: zero-conv}}
                """ + budget, "t.yaml");
    }

    @Test
    void paramsBudgetBringsEveryUniconArmWithinFivePercentOfControlNetOnTheQuickstartBackbone() {
        Experiment e = parse("budget: {mode: params}\n");
        BudgetResolver resolver = BudgetResolver.start(e, QUIET);
        Experiment resolved = resolver.experiment();
        try (Backbone backbone = Blueprint.backbone(e, Device.cpu(), 0, false)) {
            long target = BudgetResolver.trainableParameters(backbone, resolved.arm("cn"));
            assertEquals(target, resolver.summary().get("targetParams"));
            for (String name : List.of("uc", "uc-shallow")) {
                ArmSpec arm = resolved.arm(name);
                long uc = BudgetResolver.trainableParameters(backbone, arm);
                double ratio = (double) uc / target;
                assertTrue(Math.abs(ratio - 1) <= 0.05, name + " at width " + arm.adapter().width() + ": " + ratio);
                assertTrue(arm.adapter().width() < 1, "a full UniCon copy has about 2.5x ControlNet's parameters");
                assertEquals(ratio, (double) resolver.rowFields(name).get("paramRatio"), 1e-12);
                assertEquals("cn", resolver.rowFields(name).get("paramTarget"));
            }
        }
        assertEquals(1.0, (double) resolver.rowFields("cn").get("paramRatio"));
        assertEquals(List.of("uc", "uc-shallow"), List.copyOf(resolved.budget().widths().keySet()));
    }

    @Test
    void paramsBudgetThatCannotGetWithinFivePercentIsBadInputNamingTheFix() {
        // parameters jump from 50 to 200 around a target of 100: no width is within 5%
        ToLongFunction<ArmSpec> count = arm -> arm.method() == Method.CONTROLNET ? 100
                : arm.adapter().width() < 0.5 ? 50 : 200;
        BadInputException ex = assertThrows(BadInputException.class,
                () -> BudgetResolver.start(parse("budget: {mode: params}\n"), count, QUIET));
        assertTrue(ex.getMessage().contains("no width of unicon arm 'uc'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("Allowed: more backbone.groups"), ex.getMessage());
    }

    @Test
    void memoryBudgetGivesEachArmTheWidestWidthThatFitsAndPinsIt() {
        Experiment e = parse("budget: {mode: memory, memory_mb: 100}\n");
        BudgetResolver resolver = BudgetResolver.start(e, QUIET);
        assertEquals(e, resolver.experiment(), "nothing is chosen before the memory is measured");
        // made up: UniCon (whole copy) costs twice ControlNet (encoder copy) at the same width
        List<ArmSpec> measured = new ArrayList<>();
        ToLongFunction<ArmSpec> peak = arm -> {
            measured.add(arm);
            double w = arm.adapter().width();
            return Math.round((arm.method() == Method.UNICON ? 200 : 100) * w * w * (1 << 20));
        };
        Experiment resolved = resolver.fitMemory(peak, QUIET);
        List<Double> candidates = WidthSearch.candidates(e);
        double widestControlNet = candidates.stream().filter(w -> 100 * w * w <= 100).max(Double::compare)
                .orElseThrow();
        double widestUniCon = candidates.stream().filter(w -> 200 * w * w <= 100).max(Double::compare).orElseThrow();
        assertEquals(1.0, widestControlNet);
        assertEquals(widestControlNet, resolved.arm("cn").adapter().width());
        assertEquals(widestUniCon, resolved.arm("uc").adapter().width());
        assertEquals(widestUniCon, resolved.arm("uc-shallow").adapter().width());
        assertNotEquals(widestUniCon, candidates.get(candidates.indexOf(widestUniCon) + 1));

        // the search is recorded per arm: each probe's width, peak and verdict
        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) resolver.rowFields("uc").get("budgetSearch");
        assertEquals(widestUniCon, search.get("chosenWidth"));
        List<?> probes = (List<?>) search.get("probes");
        assertTrue(probes.size() >= 2 && probes.size() <= 6, probes.toString());
        assertEquals(100L << 20, resolver.rowFields("uc").get("memoryCapBytes"));

        // written and loaded again, the widths come back pinned: a re-run measures nothing
        Experiment again = ExperimentLoader.parse(ExperimentWriter.toYaml(resolved), "experiment.yaml");
        assertEquals(resolved, again);
        int before = measured.size();
        assertEquals(again, BudgetResolver.start(again, QUIET).fitMemory(peak, QUIET));
        assertEquals(before, measured.size());
        assertFalse(again.arms().stream().anyMatch(a -> again.budget().searches(a)));
    }

    /** Made up: ControlNet peaks at 100 w^2 MiB, UniCon at 200 w^2 MiB, plus an odd 12,345 bytes. */
    private static long madeUpPeak(ArmSpec arm) {
        double w = arm.adapter().width();
        return Math.round((arm.method() == Method.UNICON ? 200 : 100) * w * w * (1 << 20)) + 12_345;
    }

    @Test
    void capFromMeasuresTheNamedArmAtItsOwnWidthAndCapsEveryOtherArmAtThatPeak() {
        Experiment e = parse("budget: {mode: memory, cap_from: cn}\n");
        BudgetResolver resolver = BudgetResolver.start(e, QUIET);
        List<ArmSpec> measured = new ArrayList<>();
        ToLongFunction<ArmSpec> peak = arm -> {
            measured.add(arm);
            return madeUpPeak(arm);
        };
        Experiment resolved = resolver.fitMemory(peak, QUIET);
        long cap = madeUpPeak(e.arm("cn"));
        assertEquals((100L << 20) + 12_345, cap, "ControlNet at its declared width 1.0");

        // the cap is the named arm's measured peak, in the summary, in every row and pinned in the experiment
        assertEquals("cn", resolver.summary().get("capFrom"));
        assertEquals(cap, resolver.summary().get("memoryCapBytes"));
        for (String name : List.of("cn", "uc", "uc-shallow")) {
            assertEquals(cap, resolver.rowFields(name).get("memoryCapBytes"), name);
        }
        assertEquals(cap, resolved.budget().memoryCapBytes());
        assertFalse(resolved.budget().measuresCap());

        // the named arm is measured once, at its own width, and not searched
        assertEquals(1, measured.stream().filter(a -> a.name().equals("cn")).count(), measured.toString());
        assertEquals(e.arm("cn"), measured.get(0), "measured before any other arm");
        assertEquals(1.0, resolved.arm("cn").adapter().width());
        assertFalse(resolved.budget().widths().containsKey("cn"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cnRecord = (Map<String, Object>) resolver.rowFields("cn").get("budgetSearch");
        assertEquals(Map.of("capFrom", true, "width", 1.0, "peakBytes", cap), cnRecord);

        // the others take the widest candidate that fits, and the next one up does not
        List<Double> candidates = WidthSearch.candidates(e);
        for (String name : List.of("uc", "uc-shallow")) {
            double width = resolved.arm(name).adapter().width();
            assertTrue(madeUpPeak(e.arm(name).withWidth(width)) <= cap, name);
            assertTrue(madeUpPeak(e.arm(name).withWidth(candidates.get(candidates.indexOf(width) + 1))) > cap, name);
            assertTrue(width < 1, "a whole UniCon copy needs twice ControlNet's memory here");
        }

        // written and loaded again, cap and widths come back pinned: a re-run measures nothing
        Experiment again = ExperimentLoader.parse(ExperimentWriter.toYaml(resolved), "experiment.yaml");
        assertEquals(resolved, again);
        int before = measured.size();
        BudgetResolver rerun = BudgetResolver.start(again, QUIET);
        assertEquals(again, rerun.fitMemory(peak, QUIET));
        assertEquals(before, measured.size());
        assertEquals(cap, rerun.summary().get("memoryCapBytes"));
    }

    @Test
    void capFromFollowsTheNamedArmsDeclaredWidth() {
        Experiment e = ExperimentLoader.parse("""
                name: t
                backbone: {channels: [16, 32, 64]}
                arms:
                  - {name: cn, method: controlnet, adapter: {width: 0.5}}
                  - {name: uc, method: unicon}
                budget: {mode: memory, cap_from: cn}
                """, "t.yaml");
        Experiment full = parse("budget: {mode: memory, cap_from: cn}\n");
        Experiment narrow = BudgetResolver.start(e, QUIET).fitMemory(BudgetResolverTest::madeUpPeak, QUIET);
        Experiment wide = BudgetResolver.start(full, QUIET).fitMemory(BudgetResolverTest::madeUpPeak, QUIET);
        assertEquals(madeUpPeak(e.arm("cn")), narrow.budget().memoryCapBytes());
        assertEquals(0.5, narrow.arm("cn").adapter().width());
        assertTrue(narrow.arm("uc").adapter().width() < wide.arm("uc").adapter().width(),
                "a narrower ControlNet leaves UniCon a smaller cap");
    }

    @Test
    void capFromThatNothingElseFitsIsBadInputNamingTheArm() {
        BudgetResolver resolver = BudgetResolver.start(parse("budget: {mode: memory, cap_from: cn}\n"), QUIET);
        BadInputException ex = assertThrows(BadInputException.class,
                () -> resolver.fitMemory(arm -> arm.name().equals("cn") ? 10L << 20 : 50L << 20, QUIET));
        assertTrue(ex.getMessage().contains("budget.cap_from = 'cn' (its measured peak, 10.0 MiB): even the narrowest "
                + "adapter of arm 'uc'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("budget.memory_mb of at least 51 instead of cap_from"), ex.getMessage());
    }

    @Test
    void memoryBudgetThatNothingFitsIsBadInputNamingTheNeededCap() {
        BudgetResolver resolver = BudgetResolver.start(parse("budget: {mode: memory, memory_mb: 10}\n"), QUIET);
        BadInputException ex = assertThrows(BadInputException.class,
                () -> resolver.fitMemory(arm -> 50L << 20, QUIET));
        assertTrue(ex.getMessage().contains("budget.memory_mb = 10: even the narrowest adapter of arm 'cn'"),
                ex.getMessage());
        assertTrue(ex.getMessage().contains("at least 51"), ex.getMessage());
    }

    @Test
    void timeBudgetRecordsTheLimitInEveryRowAndChoosesNoWidth() {
        Experiment e = parse("budget: {mode: time, seconds: 30}\ntraining: {steps: 5000}\n");
        BudgetResolver resolver = BudgetResolver.start(e, QUIET);
        assertEquals(e, resolver.fitMemory(arm -> {
            throw new AssertionError("nothing to measure");
        }, QUIET));
        assertEquals(Map.of("budgetMode", "time", "budgetSeconds", 30.0, "stepLimit", 5000), resolver.rowFields("uc"));
        assertEquals("time", resolver.summary().get("mode"));
    }

    @Test
    void stepsBudgetOnlyNamesItsMode() {
        BudgetResolver resolver = BudgetResolver.start(parse(""), QUIET);
        assertEquals(Map.of("budgetMode", "steps"), resolver.rowFields("cn"));
        assertEquals(Map.of("mode", "steps"), resolver.summary());
    }
}
