package org.uniconbench.harness.cli;

import static org.uniconbench.harness.cli.CommandLineTest.unicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.uniconbench.harness.cli.CommandLineTest.Invocation;
import org.junit.jupiter.api.io.TempDir;

/** Budgets at the command line: validate shows what a params budget chooses, and refuses what it cannot. */
class BudgetCommandLineTest {

    private static final Path EXPERIMENTS = Path.of("..", "experiments");

    @Test
    void validateOfAParamsBudgetPrintsTheChosenWidthPinnedInTheBudget() {
        Invocation v = unicon("validate", EXPERIMENTS.resolve("equal-params.yaml").toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("budget:\n  mode: params\n  widths:\n    unicon: 0.6\n"), v.out());
        assertTrue(v.out().contains("width: 0.6 (chosen by the params budget)"), v.out());
    }

    @Test
    void aParamsBudgetNoWidthCanMeetExitsTwoSayingWhatToChange(@TempDir Path dir) throws IOException {
        // one GroupNorm group per level: every width keeps it whole, so every width gives the same (full)
        // UniCon copy, about 1.7x ControlNet's parameters
        Path file = dir.resolve("nomatch.yaml");
        Files.writeString(file, """
                name: nomatch
                dataset: {resolution: 16}
                backbone: {channels: [8, 8], groups: 1}
                budget: {mode: params}
                arms:
                  - {name: cn, method: controlnet}
                  - {name: uc, method: unicon}
                """);
        Invocation v = unicon("validate", file.toString());
        assertEquals(2, v.code(), v.out());
        assertTrue(v.err().contains("budget.mode = params: no width of unicon arm 'uc'"), v.err());
        assertTrue(v.err().contains("Allowed: more backbone.groups"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    @Test
    void validateOfTheCapFromClaimFileKeepsControlNetsWidthAndSearchesUniCon() {
        Invocation v = unicon("validate", EXPERIMENTS.resolve("paper-claims-memory.yaml").toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("budget:\n  mode: memory\n  cap_from: controlnet\n"), v.out());
        assertFalse(v.out().contains("memory_mb"), v.out());
        // YAML single quotes double the quotes around the arm name
        assertTrue(v.out().contains("fits the measured peak of arm ''controlnet''"), v.out());
    }

    @Test
    void capFromBesideMemoryMbExitsTwoNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("both.yaml");
        Files.writeString(file, """
                name: both
                budget: {mode: memory, memory_mb: 200, cap_from: cn}
                arms:
                  - {name: cn, method: controlnet}
                  - {name: uc, method: unicon}
                """);
        Invocation v = unicon("validate", file.toString());
        assertEquals(2, v.code(), v.out());
        assertTrue(v.err().contains("budget.cap_from = 'cn' and budget.memory_mb = 200 are exclusive"), v.err());
        assertTrue(v.err().contains("allowed: keep one of them"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    @Test
    void aMemoryPassRefusesAWidthOutsideZeroToOne() {
        Invocation v = unicon("memory-pass", EXPERIMENTS.resolve("smoke.yaml").toString(), "--arm", "unicon",
                "--seed", "0", "--checkpoint", "none.ucb", "--width", "1.5");
        assertEquals(2, v.code(), v.out());
        assertTrue(v.err().contains("--width 1.5 is out of range; allowed: a number in (0, 1]"), v.err());
    }
}
