package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code budget:} block: validated once, each number tied to its mode, and written back loadable. */
class BudgetBlockTest {

    /** A ControlNet arm and a UniCon arm without widths (lines 2-6); MemoryCapFromTest uses it too. */
    static final String TWO_ARMS = """
            name: t
            arms:
              - {name: cn, method: controlnet}
              - name: uc
                method: unicon
            """;

    private static Experiment parse(String yaml) {
        return ExperimentLoader.parse(yaml, "test.yaml");
    }

    private static Experiment roundTrip(Experiment e) {
        return ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml");
    }

    @Test
    void withoutABudgetEveryArmGetsTheSameStepsAsBefore() {
        Experiment e = parse(TWO_ARMS);
        assertEquals(BudgetSpec.STEPS, e.budget());
        assertEquals(400, e.training().steps());
        assertNull(e.budget().timeLimit());
        assertFalse(e.budget().choosesWidth(e.arm("uc")));
    }

    @Test
    void anUnknownModeNamesTheAllowedModesAndTheClosestOne() {
        ExperimentException e = failure(TWO_ARMS + "budget:\n  mode: tme\n");
        assertProblem(e, "budget.mode", 7,
                "budget.mode = 'tme' is not allowed; allowed: one of steps, time, params, memory",
                "did you mean 'time'?");
    }

    @Test
    void timeModeNeedsSecondsAndMakesTrainingStepsAnUpperBound() {
        assertProblem(failure(TWO_ARMS + "budget:\n  mode: time\n"), "budget.seconds", 7,
                "budget is missing required key 'seconds'", "(0, 10000000]");
        assertProblem(failure(TWO_ARMS + "budget: {mode: time, seconds: 0}\n"), "budget.seconds", 6,
                "budget.seconds = 0 is out of range; allowed: a number in (0, 10000000]");

        Experiment unbounded = parse(TWO_ARMS + "budget: {mode: time, seconds: 90}\n");
        assertEquals(Duration.ofSeconds(90), unbounded.budget().timeLimit());
        assertEquals(10_000_000, unbounded.training().steps(), "no written steps: only the time limits training");
        Experiment capped = parse(TWO_ARMS + "budget: {mode: time, seconds: 90}\ntraining: {steps: 500}\n");
        assertEquals(500, capped.training().steps());
    }

    @Test
    void memoryModeNeedsMemoryMbAndNumbersOfOtherModesDoNotApply() {
        assertProblem(failure(TWO_ARMS + "budget: {mode: memory}\n"), "budget.memory_mb", 6,
                "budget is missing required key 'memory_mb'", "MiB");
        assertProblem(failure(TWO_ARMS + "budget: {mode: steps, seconds: 10}\n"), "budget.seconds", 6,
                "budget.seconds = 10 does not apply: seconds only applies to mode time, and budget.mode is steps");
        assertProblem(failure(TWO_ARMS + "budget: {mode: time, seconds: 5, memory_mb: 300}\n"), "budget.memory_mb", 6,
                "memory_mb only applies to mode memory, and budget.mode is time; allowed: leave it out");
        assertEquals(300L << 20,
                parse(TWO_ARMS + "budget: {mode: memory, memory_mb: 300}\n").budget().memoryCapBytes());
    }

    @Test
    void paramsModeRejectsAWrittenUniconWidthButKeepsTheControlNetOne() {
        ExperimentException e = failure("""
                name: t
                budget: {mode: params}
                arms:
                  - {name: cn, method: controlnet, adapter: {width: 0.75}}
                  - name: uc
                    method: unicon
                    adapter:
                      width: 0.6
                """);
        assertProblem(e, "arms[1].adapter.width", 8,
                "arms[1].adapter.width = 0.6 does not apply: budget.mode is params",
                "within 5% of controlnet arm 'cn'", "allowed: leave it out");
        assertEquals(1, e.problems().size(), e.getMessage());

        Experiment ok = parse(
                "name: t\nbudget: {mode: params}\narms:\n  - {name: cn, method: controlnet, adapter: {width: 0.75}}\n"
                        + "  - {name: uc, method: unicon}\n");
        assertEquals(0.75, ok.arm("cn").adapter().width());
        assertTrue(ok.budget().searches(ok.arm("uc")));
        assertFalse(ok.budget().choosesWidth(ok.arm("cn")));
    }

    @Test
    void paramsModeWithoutAControlNetArmHasNothingToMatch() {
        ExperimentException e = failure("name: t\nbudget:\n  mode: params\narms: [{name: uc, method: unicon}]\n");
        assertProblem(e, "budget.mode", 3, "arms has no controlnet arm",
                "allowed: add a controlnet arm, or another mode");
    }

    @Test
    void memoryModeChoosesEveryArmsWidth() {
        ExperimentException e = failure("""
                name: t
                budget: {mode: memory, memory_mb: 200}
                arms:
                  - {name: cn, method: controlnet, adapter: {width: 0.5}}
                  - {name: uc, method: unicon}
                """);
        assertProblem(e, "arms[0].adapter.width", 4, "budget.mode is memory", "fits budget.memory_mb");
    }

    @Test
    void pinnedWidthsSetTheArmsWidthsAndNameOnlyArmsTheBudgetChooses() {
        Experiment e = parse(TWO_ARMS + "budget: {mode: params, widths: {uc: 0.55}}\n");
        assertEquals(0.55, e.arm("uc").adapter().width());
        assertFalse(e.budget().searches(e.arm("uc")));
        assertEquals(Map.of("uc", 0.55), e.budget().widths());

        assertProblem(failure(TWO_ARMS + "budget: {mode: params, widths: {cn: 0.5}}\n"), "budget.widths.cn", 6,
                "budget.widths.cn is not a known key; allowed keys in budget.widths: uc");
        assertProblem(failure(TWO_ARMS + "budget: {mode: params, widths: {uc: 1.5}}\n"), "budget.widths.uc", 6,
                "(0, 1]");
        assertProblem(failure(TWO_ARMS + "budget: {mode: steps, widths: {uc: 0.5}}\n"), "budget.widths", 6,
                "widths are chosen only in modes params and memory");
    }

    @Test
    void everyModeRoundTripsThroughTheResolvedYaml() {
        for (String budget : List.of("", "budget: {mode: time, seconds: 2.5}\n", "budget: {mode: params}\n",
                "budget: {mode: params, widths: {uc: 0.55}}\n", "budget: {mode: memory, memory_mb: 256}\n",
                "budget: {mode: memory, memory_mb: 256, widths: {cn: 0.5, uc: 0.25}}\n")) {
            Experiment e = parse(TWO_ARMS + budget);
            assertEquals(e, roundTrip(e), budget);
        }
    }

    @Test
    void chosenWidthsArePinnedSoTheWrittenFileReproducesThemWithoutASearch() {
        Experiment searched = parse(TWO_ARMS + "budget: {mode: memory, memory_mb: 256}\n")
                .withChosenWidths(Map.of("uc", 0.375, "cn", 0.5));
        assertEquals(0.375, searched.arm("uc").adapter().width());
        assertEquals(List.of("cn", "uc"), List.copyOf(searched.budget().widths().keySet()), "arm order");
        String yaml = ExperimentWriter.toYaml(searched);
        assertTrue(yaml.contains("budget:\n  mode: memory\n  memory_mb: 256\n  widths:\n    cn: 0.5\n    uc: 0.375"),
                yaml);
        assertFalse(yaml.contains("width: "), "arm widths belong to the budget:\n" + yaml);
        Experiment again = roundTrip(searched);
        assertEquals(searched, again);
        assertFalse(again.budget().searches(again.arm("uc")));
    }
}
