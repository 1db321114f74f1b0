package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluation.curve} end to end: every arm writes its control metric every K steps, the
 * evaluation leaves training and its time accounts alone, a killed arm resumes with the curve of an
 * uninterrupted one (values exactly, CPU), and the report draws the curves.
 */
class ControlCurveRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The points of an 8-step run with a point every 2 steps. */
    private static final List<Integer> STEPS = List.of(0, 2, 4, 6, 8);

    @TempDir
    static Path shared;

    static Path experiment;
    static Path reference;

    /** experiments/smoke.yaml with 8 steps (a checkpoint every 5), a curve point every 2, no memory passes. */
    static Path curveSmoke(Path dir) throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE).replace("  steps: 10\n", "  steps: 8\n")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n"
                        + "  curve: {every: 2, samples: 2, sampler_steps: 3}\n");
        assertTrue(text.contains("curve:") && text.contains("steps: 8"), "smoke.yaml changed shape: " + text);
        Path file = dir.resolve("smoke-curve.yaml");
        Files.writeString(file, text);
        return file;
    }

    @BeforeAll
    static void runOnce() throws IOException {
        experiment = curveSmoke(shared);
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", experiment.toString(), "--output",
                shared.resolve("runs").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        reference = CommandLineTest.runFolders(shared.resolve("runs")).get(0);
    }

    static List<JsonNode> points(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<Integer> steps(List<JsonNode> points) {
        return points.stream().map(p -> p.get("step").asInt()).toList();
    }

    private static List<Double> values(List<JsonNode> points) {
        return points.stream().map(p -> p.get("value").asDouble()).toList();
    }

    @Test
    void everyArmWritesAPointEveryKStepsFromStepZeroAndTheSeedsAreMerged() throws IOException {
        for (String arm : List.of("controlnet", "unicon")) {
            Path seedFile = reference.resolve("arms/" + arm + "/seed-0/curve.jsonl");
            List<JsonNode> points = points(seedFile);
            assertEquals(STEPS, steps(points), arm);
            double previous = -1;
            for (JsonNode p : points) {
                assertEquals("edgeF1", p.get("metric").asText(), "a Canny run's control metric");
                double value = p.get("value").asDouble();
                assertTrue(value >= 0 && value <= 1, arm + " edge F1 " + value);
                double t = p.get("trainSeconds").asDouble();
                assertTrue(t >= previous, arm + ": training time never runs backwards: " + points);
                previous = t;
                assertTrue(p.get("curveSeconds").asDouble() > 0, arm + ": the evaluation's own time is recorded");
            }
            assertEquals(0.0, points.get(0).get("trainSeconds").asDouble(), "step 0 is before training");
            assertEquals(Files.readString(seedFile),
                    Files.readString(reference.resolve("arms/" + arm + "/curve.jsonl")),
                    "one seed: the merged curve is the seed's");
            JsonNode row = ResumeTest.row(reference, "" + arm);
            double curveSeconds = points.stream().mapToDouble(p -> p.get("curveSeconds").asDouble()).sum();
            assertEquals(curveSeconds, row.get("curveSeconds").asDouble(), 1e-9,
                    "the row's curveSeconds is the time of the curve's points, kept apart from trainSeconds");
            assertTrue(
                    row.get("trainSeconds").asDouble() >= points.get(points.size() - 1).get("trainSeconds").asDouble());
        }
        JsonNode backbone = ResumeTest.row(reference, "backbone");
        assertFalse(backbone.has("curveSeconds"), "the untrained backbone has no curve");
        assertFalse(Files.exists(reference.resolve("arms/backbone/curve.jsonl")));
    }

    @Test
    void theReportDrawsTheCurvesAndSaysWhatTheyTest() throws IOException {
        String html = Files.readString(reference.resolve("report.html"));
        assertTrue(html.contains("<h2>Control during training</h2>"), "the section is there");
        assertTrue(html.contains("against training step for controlnet, unicon"), "the chart against steps");
        assertTrue(html.contains("against training time for controlnet, unicon"), "the chart against time");
        assertTrue(html.contains("converges faster"), "the caption names the paper's argument");
        assertTrue(html.contains("time spent evaluating left out"), "the caption says evaluation time is excluded");
    }

    @Test
    void theTableCommandPrintsWhereEachCurveEnds() throws IOException {
        CommandLineTest.Invocation v = CommandLineTest.unicon("table", reference.toString());
        assertEquals(0, v.code(), v.err());
        List<JsonNode> points = points(reference.resolve("arms/unicon/seed-0/curve.jsonl"));
        String last = String.format(java.util.Locale.ROOT, "%.3f",
                points.get(points.size() - 1).get("value").asDouble());
        assertTrue(v.out().contains("| unicon | edgeF1 | 1 | "), v.out());
        assertTrue(v.out().contains(" | 8 | " + last + " | "), "last step 8 and its value: " + v.out());
    }

    @Test
    void evaluatingDuringTrainingLeavesTrainingAsItWas() throws Exception {
        // the same arm again, in a copy of the run whose experiment has no curve
        Path copy = copyOfTheRun("without");
        Path yaml = copy.resolve("experiment.yaml");
        String resolved = Files.readString(yaml);
        String stripped = resolved.replaceAll("(?m)^  curve:\\n(    .*\\n)+", "");
        assertFalse(stripped.contains("curve"), stripped);
        Files.writeString(yaml, stripped);
        Path arm = copy.resolve("arms/unicon/seed-0");
        deleteTree(arm);
        CommandLineTest.Invocation v = CommandLineTest.unicon("arm-run", copy.toString(), "--arm", "unicon", "--seed",
                "0");
        assertEquals(0, v.code(), v.err());
        assertFalse(Files.exists(arm.resolve("curve.jsonl")), "no curve without the key");
        assertEquals(ResumeTest.losses(reference.resolve("arms/unicon/seed-0/metrics.jsonl")),
                ResumeTest.losses(arm.resolve("metrics.jsonl")),
                "the same losses, step by step, with and without the curve");
        JsonNode row = JSON.readTree(arm.resolve("row.json").toFile());
        ResumeTest.assertSameNumbers(JSON.readTree(reference.resolve("arms/unicon/seed-0/row.json").toFile()), row);
        assertFalse(row.has("curveSeconds"));
    }

    @Test
    void anArmKilledAfterAPointPastItsCheckpointResumesWithTheUninterruptedCurve() throws Exception {
        Path copy = copyOfTheRun("resumed");
        Path arm = copy.resolve("arms/unicon/seed-0");
        deleteTree(arm);
        // stop abruptly after step 7: the checkpoint is of step 5, the curve already has its point of step 6
        Process halted = ResumeTest.unicon("arm-run", copy.toString(), "--arm", "unicon", "--seed", "0",
                "--halt-after-step", "7").redirectOutput(shared.resolve("halted.log").toFile()).start();
        assertEquals(137, halted.waitFor(), () -> "halted as if killed");
        assertTrue(Files.isRegularFile(arm.resolve("checkpoint-000005/state.json")));
        assertEquals(List.of(0, 2, 4, 6), steps(points(arm.resolve("curve.jsonl"))), "a point after the checkpoint");

        CommandLineTest.Invocation resumed = CommandLineTest.unicon("arm-run", copy.toString(), "--arm", "unicon",
                "--seed", "0");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming after step 5"), resumed.out());
        List<JsonNode> expected = points(reference.resolve("arms/unicon/seed-0/curve.jsonl"));
        List<JsonNode> actual = points(arm.resolve("curve.jsonl"));
        assertEquals(STEPS, steps(actual), "the point of step 6 cut back and recorded again, not twice");
        assertEquals(values(expected), values(actual), "the same control values, exactly");
    }

    @Test
    void aCurveBlockAskingForMoreImagesThanTheEvaluationSetExitsTwoNamingTheKey() throws IOException {
        Path bad = shared.resolve("bad-curve.yaml");
        Files.writeString(bad, Files.readString(experiment).replace("samples: 2, sampler_steps: 3",
                "samples: 9, sampler_steps: 3"));
        CommandLineTest.Invocation v = CommandLineTest.unicon("validate", bad.toString());
        assertEquals(2, v.code(), v.out() + v.err());
        assertTrue(v.err().contains("evaluation.curve.samples = 9 is more than dataset.eval_size = 4"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    /** A copy of the reference run beside a copy of its caches (an arm's process finds them beside its run). */
    private static Path copyOfTheRun(String name) throws IOException {
        Path copy = shared.resolve(name).resolve(reference.getFileName());
        ResumeTest.copyTree(reference, copy);
        ResumeTest.copyTree(shared.resolve("runs/.cache"), shared.resolve(name).resolve(".cache"));
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
