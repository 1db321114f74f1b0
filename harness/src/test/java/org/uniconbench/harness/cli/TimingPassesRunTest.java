package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluation.timing_passes} end to end: a tiny run times each arm again after training, in a
 * fresh JVM, and every row carries the interleaved step; a negative count is bad input (exit 2).
 */
class TimingPassesRunTest {

    /** experiments/smoke.yaml with one timing pass per arm and seed and no memory passes. */
    private static Path smoke(Path dir, String passes) throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE).replace("name: smoke\n", "name: timing\n")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n  timing_passes: " + passes
                        + "\n");
        Path file = dir.resolve("timing.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aRunWithOneTimingPassGivesEveryArmRowItsInterleavedStep(@TempDir Path dir) throws IOException {
        CommandLineTest.Invocation run = CommandLineTest.unicon("run", smoke(dir, "1").toString(), "--output",
                dir.resolve("runs").toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("[timing] block 1/1 (seed 0): 2 passes"), run.out());
        Path folder = CommandLineTest.runFolders(dir.resolve("runs")).get(0);
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        for (int i : List.of(1, 2)) {
            JsonNode row = summary.get("arms").get(i);
            assertTrue(row.get("timedStepMs").asDouble() > 0, row.toString());
            assertEquals(1, row.get("timedStepPassesMs").size(), row.toString());
            assertEquals(row.get("timedStepMs").asDouble(), row.get("timedStepPassesMs").get(0).asDouble(),
                    "the median of one pass is that pass");
            assertTrue(row.get("timingMethod").asText().contains("fresh JVM"), row.toString());
        }
        assertTrue(summary.get("arms").get(0).path("timedStepMs").isMissingNode(), "the backbone row trains nothing");
        for (JsonNode aggregate : summary.get("aggregates")) {
            if ("none".equals(aggregate.get("method").asText())) {
                continue; // the uncontrolled backbone trains nothing
            }
            assertTrue(aggregate.path("metrics").path("timedStepMs").path("estimate").asDouble() > 0,
                    "aggregated as a declared metric: " + aggregate);
        }
        assertTrue(Files.readString(folder.resolve("experiment.yaml")).contains("timing_passes: 1"));
        CommandLineTest.Invocation table = CommandLineTest.unicon("table", folder.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("interleaved step ms"), table.out());
    }

    @Test
    void aNegativeTimingPassCountExitsTwoNamingTheKey(@TempDir Path dir) throws IOException {
        CommandLineTest.Invocation v = CommandLineTest.unicon("validate", smoke(dir, "-2").toString());
        assertEquals(2, v.code(), v.out() + v.err());
        assertTrue(v.err().contains("evaluation.timing_passes = -2 is out of range")
                && v.err().contains("allowed: an integer in 0..20"), v.err());
    }
}
