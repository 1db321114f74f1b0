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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A killed run, resumed, ends with the numbers of a run that was never interrupted: the same
 * losses step by step and the same final loss and fidelity, exactly (CPU, same seed).
 */
class ResumeTest {

    /** Fields that must be equal, exactly, between an interrupted-and-resumed arm and an uninterrupted one. */
    static final List<String> EXACT = List.of("status", "trainableParams", "finalLoss", "ssim", "psnr", "edgeF1",
            "fdClassifier", "kidClassifier", "fdRandom", "kidRandom");

    @TempDir
    static Path shared;

    static Path experiment;
    static Path reference;

    /** experiments/smoke.yaml with 30 training steps (a checkpoint every 5) and no memory passes. */
    static Path longerSmoke(Path dir) throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE).replace("  steps: 10\n", "  steps: 30\n")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n");
        Path file = dir.resolve("smoke.yaml");
        Files.writeString(file, text);
        return file;
    }

    @BeforeAll
    static void runUninterrupted() throws IOException {
        experiment = longerSmoke(shared);
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", experiment.toString(), "--output",
                shared.resolve("runs").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        reference = CommandLineTest.runFolders(shared.resolve("runs")).get(0);
    }

    /** A java command that runs the command line in a fresh JVM, as the launcher does. */
    static ProcessBuilder unicon(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.uniconbench.harness.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        return builder;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static JsonNode row(Path run, String arm) throws IOException {
        for (JsonNode row : new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("arms")) {
            if (row.get("name").asText().equals(arm)) {
                return row;
            }
        }
        throw new AssertionError("no row " + arm + " in " + run);
    }

    /** The loss column of a metrics.jsonl file. */
    static List<String> losses(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> l.replaceAll(",\"stepMs.*", "")).toList();
    }

    static void assertSameNumbers(JsonNode expected, JsonNode actual) {
        for (String field : EXACT) {
            assertEquals(expected.get(field), actual.get(field), field + " of " + expected.get("name"));
        }
    }

    @Test
    void anArmStoppedBetweenCheckpointsAndResumedEqualsTheUninterruptedArm() throws Exception {
        // a copy of the run beside a copy of the caches (an arm's process finds them beside its run)
        Path copy = shared.resolve("copies").resolve(reference.getFileName());
        copyTree(reference, copy);
        copyTree(shared.resolve("runs/.cache"), shared.resolve("copies/.cache"));
        Path arm = copy.resolve("arms/unicon/seed-0");
        deleteTree(arm);
        // stop abruptly after step 7: the checkpoint is of step 5, the log has 7 lines
        Path log = shared.resolve("halted.log");
        Process halted = unicon("arm-run", copy.toString(), "--arm", "unicon", "--seed", "0",
                "--halt-after-step", "7").redirectOutput(log.toFile()).start();
        assertEquals(137, halted.waitFor(), () -> "halted as if killed: " + read(log));
        assertTrue(Files.isRegularFile(arm.resolve("checkpoint-000005/state.json")));
        assertEquals(7, Files.readAllLines(arm.resolve("metrics.jsonl")).size());
        assertFalse(Files.exists(arm.resolve("row.json")));

        CommandLineTest.Invocation resumed = CommandLineTest.unicon("arm-run", copy.toString(), "--arm", "unicon",
                "--seed", "0");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming after step 5"), resumed.out());
        JsonNode row = new ObjectMapper().readTree(arm.resolve("row.json").toFile());
        assertEquals(5, row.get("resumedFromStep").asInt());
        assertSameNumbers(new ObjectMapper().readTree(reference.resolve("arms/unicon/seed-0/row.json").toFile()), row);
        assertEquals(losses(reference.resolve("arms/unicon/seed-0/metrics.jsonl")),
                losses(arm.resolve("metrics.jsonl")),
                "steps 6 and 7 logged again, not twice");
        try (Stream<Path> s = Files.list(arm)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("checkpoint-")),
                    "checkpoints are removed once the row is written");
        }
    }

    @Test
    void aRunKilledWithItsArmProcessesAndResumedEqualsTheUninterruptedRun() throws Exception {
        Path output = shared.resolve("killed");
        copyTree(shared.resolve("runs/.cache"), output.resolve(".cache"));
        Path log = shared.resolve("killed.log");
        Process run = unicon("run", experiment.toString(), "--output", output.toString())
                .redirectOutput(log.toFile()).start();
        Path checkpoint = null;
        for (int i = 0; i < 6000 && checkpoint == null && run.isAlive(); i++) {
            checkpoint = firstCheckpoint(output);
            Thread.sleep(20);
        }
        assertNotNull(checkpoint, () -> "an arm wrote a checkpoint before the run ended: " + read(log));
        // kill -9 the run and then its arm processes (the parent first, so that it records nothing)
        List<ProcessHandle> children = run.descendants().toList();
        run.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        run.waitFor();
        Path folder = CommandLineTest.runFolders(output).get(0);
        assertFalse(new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("status").asText()
                .equals("completed"), "killed before the end");

        CommandLineTest.Invocation resumed = CommandLineTest.unicon("run", "--resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("resuming after step"), resumed.out());
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertEquals(3, summary.get("arms").size());
        for (String arm : List.of("backbone", "controlnet", "unicon")) {
            assertSameNumbers(row(reference, arm), row(folder, arm));
        }
        for (String arm : List.of("controlnet", "unicon")) {
            assertEquals(losses(reference.resolve("arms/" + arm + "/metrics.jsonl")),
                    losses(folder.resolve("arms/" + arm + "/metrics.jsonl")), arm);
            assertTrue(Files.isRegularFile(folder.resolve("samples/" + arm + "/003.png")), arm);
        }
        assertTrue(Files.isRegularFile(folder.resolve("report.html")));
        JsonNode provenance = new ObjectMapper().readTree(folder.resolve("provenance.json").toFile());
        assertTrue(provenance.has("resumedAt"), provenance.toString());
    }

    @Test
    void resumingAFolderThatIsNotARunExitsTwo(@TempDir Path dir) {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", "--resume", dir.resolve("nowhere").toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("no such folder"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    private static Path firstCheckpoint(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(output, 5)) {
            return s.filter(p -> p.getFileName().toString().startsWith("checkpoint-")
                    && Files.isRegularFile(p.resolve("state.json"))).findFirst().orElse(null);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
