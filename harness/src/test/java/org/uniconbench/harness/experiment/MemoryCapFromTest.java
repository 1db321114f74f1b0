package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code budget.cap_from}: the memory cap taken from one arm's own peak, validated once, pinned when measured. */
class MemoryCapFromTest {

    /** A ControlNet arm and a UniCon arm without widths (lines 2-6). */
    private static final String TWO_ARMS = BudgetBlockTest.TWO_ARMS;

    private static Experiment parse(String yaml) {
        return ExperimentLoader.parse(yaml, "test.yaml");
    }

    @Test
    void capFromKeepsTheNamedArmsOwnWidthAndLeavesTheOthersToTheSearch() {
        Experiment e = parse("""
                name: t
                budget: {mode: memory, cap_from: cn}
                arms:
                  - {name: cn, method: controlnet, adapter: {width: 0.75}}
                  - {name: uc, method: unicon}
                """);
        BudgetSpec b = e.budget();
        assertEquals("cn", b.capFrom());
        assertEquals(0, b.memoryMb());
        assertTrue(b.measuresCap(), "nothing measured yet");
        assertEquals(0, b.memoryCapBytes());
        assertEquals(0.75, e.arm("cn").adapter().width());
        assertFalse(b.choosesWidth(e.arm("cn")));
        assertTrue(b.searches(e.arm("uc")));

        // the other arms still may not write a width: the cap chooses it
        ExperimentException other = failure("""
                name: t
                budget: {mode: memory, cap_from: cn}
                arms:
                  - {name: cn, method: controlnet}
                  - {name: uc, method: unicon, adapter: {width: 0.5}}
                """);
        assertProblem(other, "arms[1].adapter.width", 5, "budget.mode is memory", "budget.cap_from arm");
        assertEquals(1, other.problems().size(), other.getMessage());
    }

    @Test
    void capFromNamingNoArmIsRejectedWithTheArmsAndTheClosestName() {
        assertProblem(failure(TWO_ARMS + "budget: {mode: memory, cap_from: cnn}\n"), "budget.cap_from", 6,
                "budget.cap_from = 'cnn' is not an arm of this file; allowed: one of cn, uc", "did you mean 'cn'?");
    }

    @Test
    void capFromAndMemoryMbTogetherAreRejectedAsExclusive() {
        ExperimentException e = failure(TWO_ARMS + "budget:\n  mode: memory\n  memory_mb: 200\n  cap_from: cn\n");
        assertProblem(e, "budget.cap_from", 9, "budget.cap_from = 'cn' and budget.memory_mb = 200 are exclusive",
                "allowed: keep one of them");
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void capFromOutsideMemoryModeDoesNotApply() {
        assertProblem(failure(TWO_ARMS + "budget: {mode: steps, cap_from: cn}\n"), "budget.cap_from", 6,
                "budget.cap_from = 'cn' does not apply: cap_from only applies to mode memory, and budget.mode is steps",
                "allowed: leave it out");
        assertProblem(failure(TWO_ARMS + "budget: {mode: params, cap_from: cn}\n"), "budget.cap_from", 6,
                "budget.mode is params");
        assertProblem(failure(TWO_ARMS + "budget: {mode: memory, memory_mb: 200, cap_bytes: 1000}\n"),
                "budget.cap_bytes", 6, "there is no cap_from", "allowed: leave it out");
    }

    @Test
    void memoryModeWithNeitherCapNamesBothWaysToGiveOne() {
        assertProblem(failure(TWO_ARMS + "budget: {mode: memory}\n"), "budget.memory_mb", 6,
                "budget is missing required key 'memory_mb'", "MiB", "or cap_from: ARM");
    }

    @Test
    void aMeasuredCapIsPinnedSoTheWrittenFileReproducesItWithoutMeasuring() {
        Experiment measured = parse(TWO_ARMS + "budget: {mode: memory, cap_from: cn}\n")
                .withMeasuredCap(123_456_789_012L).withChosenWidths(Map.of("uc", 0.375));
        assertFalse(measured.budget().measuresCap());
        assertEquals(123_456_789_012L, measured.budget().memoryCapBytes());
        String yaml = ExperimentWriter.toYaml(measured);
        assertTrue(yaml.contains("budget:\n  mode: memory\n  cap_from: cn\n  cap_bytes: 123456789012\n  widths:\n"
                + "    uc: 0.375"), yaml);
        assertFalse(yaml.contains("memory_mb"), yaml);
        Experiment again = ExperimentLoader.parse(yaml, "resolved.yaml");
        assertEquals(measured, again);
        assertFalse(again.arms().stream().anyMatch(a -> again.budget().searches(a)));

        assertProblem(failure(TWO_ARMS + "budget: {mode: memory, cap_from: cn, cap_bytes: 10.5}\n"),
                "budget.cap_bytes", 6, "a whole number of bytes");
        assertNull(parse(TWO_ARMS + "budget: {mode: memory, memory_mb: 9}\n").budget().capFrom());
    }
}
