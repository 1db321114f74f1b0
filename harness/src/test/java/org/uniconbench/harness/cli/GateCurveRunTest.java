package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backbone.pretrain.gate_every} through {@code unicon run}: the run prepares its feature
 * classifier before pre-training, the curve lands in {@code backbone.json}, and its last point is the
 * run's final quality gate (same classifier, floor, noise and weights).
 */
class GateCurveRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** experiments/smoke.yaml with the gate's N (128), a gate point every 10 of its 20 pre-training steps, one arm. */
    private static Path gatedSmoke(Path dir) throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE).replace("  eval_size: 4\n", "  eval_size: 128\n")
                .replace("    learning_rate: 1.0e-3\n", "    learning_rate: 1.0e-3\n    gate_every: 10\n")
                .replace("  - name: unicon\n    method: unicon\n    adapter:\n      width: 0.5\n", "")
                .replace("  steps: 10\n", "  steps: 2\n")
                .replace("  samples: 4\n", "  samples: 128\n  memory_passes: 0\n");
        assertTrue(text.contains("gate_every: 10") && text.contains("samples: 128") && !text.contains("unicon\n"),
                "smoke.yaml changed shape: " + text);
        Path file = dir.resolve("smoke-gate.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aRunRecordsTheGateCurveAndItsLastPointIsTheRunsQualityGate(@TempDir Path dir) throws IOException {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", gatedSmoke(dir).toString(), "--output",
                dir.resolve("runs").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        assertTrue(v.out().contains("[backbone] step 10/20 gate: FD-classifier "), v.out());
        Path run = CommandLineTest.runFolders(dir.resolve("runs")).get(0);
        JsonNode curve = JSON.readTree(run.resolve("backbone.json").toFile()).get("gateCurve");
        List<Integer> steps = new ArrayList<>();
        curve.forEach(p -> steps.add(p.get("step").asInt()));
        assertEquals(List.of(10, 20), steps);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode gate = summary.get("backbone").get("qualityGate");
        JsonNode last = curve.get(curve.size() - 1);
        assertEquals(gate.get("fdClassifier").asDouble(), last.get("fdClassifier").asDouble(),
                "the last point judged the weights that were cached, as the final gate did");
        assertEquals(gate.get("floor").asDouble(), last.get("floor").asDouble(), 1e-9,
                "the same floor, its draws' mean");
        assertEquals(gate.get("passed").asBoolean(), last.get("passed").asBoolean());
        assertEquals(gate.get("fdClassifierDraws"), last.get("fdClassifierDraws"),
                "each point lists its starting noises' draws, the final gate's at the last");
        assertTrue(v.out().contains("(mean of 5 starting noises, "), v.out());
    }

    @Test
    void theGateCommandRereadsTheRunsGateFromItsNoiseAndOtherNoisesMoveIt(@TempDir Path dir) throws IOException {
        Path file = gatedSmoke(dir);
        String runs = dir.resolve("runs").toString();
        CommandLineTest.Invocation before = CommandLineTest.unicon("gate", file.toString(), "--output", runs);
        assertEquals(2, before.code(), before.err() + before.out());
        assertTrue(before.err().contains("run the file first") && !before.err().contains("\tat "), before.err());
        assertEquals(0, CommandLineTest.unicon("run", file.toString(), "--output", runs).code());
        CommandLineTest.Invocation one = CommandLineTest.unicon("gate", file.toString(), "--output", runs, "--repeats",
                "1");
        assertEquals(2, one.code(), one.err());
        assertTrue(one.err().contains("--repeats 1"), one.err());

        CommandLineTest.Invocation v = CommandLineTest.unicon("gate", file.toString(), "--output", runs);
        assertEquals(0, v.code(), v.err() + v.out());
        List<Double> fd = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("noise of seed \\d+[^:]*: FD-classifier ([0-9.]+)")
                .matcher(v.out());
        while (m.find()) {
            fd.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(5, fd.size(), v.out());
        assertTrue(v.out().contains("gate: 5 readings: "), v.out());
        assertTrue(v.out().contains("gate: the floor's draws (the targets against each block of 128 held-out real "
                + "images): ["), v.out());
        JsonNode summary = JSON.readTree(CommandLineTest.runFolders(dir.resolve("runs")).get(0).resolve("summary.json")
                .toFile());
        JsonNode gate = summary.get("backbone").get("qualityGate");
        assertEquals(5, gate.get("draws").asInt(), gate.toString());
        JsonNode floors = summary.get("realVsReal").get("gateDraws");
        assertEquals(20, floors.size(), summary.get("realVsReal").toString());
        assertEquals(summary.get("realVsReal").get("fdClassifier").asDouble(), floors.get(0).asDouble(),
                "the first floor draw is the realVsReal row's");
        double floorMean = 0;
        for (JsonNode f : floors) {
            floorMean += f.asDouble() / 20;
        }
        assertEquals(floorMean, gate.get("floor").asDouble(), 1e-9, "the gate's floor is the mean of its draws");
        for (int r = 0; r < 5; r++) { // the command's readings are the run's gate draws, the row's first
            assertEquals(gate.get("fdClassifierDraws").get(r).asDouble(), fd.get(r), 1e-4, "draw " + r);
        }
        JsonNode row = null;
        for (JsonNode a : summary.get("arms")) {
            row = "backbone".equals(a.get("name").asText()) ? a : row;
        }
        assertEquals(row.get("fdClassifier").asDouble(), fd.get(0), 1e-4, "the first reading is the backbone row's");
        assertEquals(gate.get("fdClassifier").asDouble(), fd.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), 1e-4, "the gate decides on the mean of the five");
        assertTrue(!fd.get(1).equals(fd.get(0)) && !fd.get(2).equals(fd.get(0)), "other noise, other samples: " + fd);
    }
}
