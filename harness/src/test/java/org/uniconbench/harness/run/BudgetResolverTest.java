package org.uniconbench.harness.run;

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
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.experiment.Method;

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
        double widestControlNet = candidates.stream().filter(w -> 100 * w * w <= 100).max(Double::compare).orElseThrow();
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

    @Test
    void memoryBudgetThatNothingFitsIsBadInputNamingTheNeededCap() {
        BudgetResolver resolver = BudgetResolver.start(parse("budget: {mode: memory, memory_mb: 10}\n"), QUIET);
        BadInputException ex = assertThrows(BadInputException.class,
                () -> resolver.fitMemory(arm -> 50L << 20, QUIET));
        assertTrue(ex.getMessage().contains("budget.memory_mb = 10: even the narrowest adapter of arm 'cn'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("at least 51"), ex.getMessage());
    }

    @Test
    void timeBudgetRecordsTheLimitInEveryRowAndChoosesNoWidth() {
        Experiment e = parse("budget: {mode: time, seconds: 30}\ntraining: {steps: 5000}\n");
        BudgetResolver resolver = BudgetResolver.start(e, QUIET);
        assertEquals(e, resolver.fitMemory(arm -> { throw new AssertionError("nothing to measure"); }, QUIET));
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
