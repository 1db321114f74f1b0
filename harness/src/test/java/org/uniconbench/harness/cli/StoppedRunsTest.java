package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uniconbench.harness.store.RunProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped by a signal stops its arm processes at once and is listed as interrupted, with the
 * command that finishes it; a run whose process is alive is listed as running.
 */
class StoppedRunsTest {

    /** One output folder for the runs of this class: its cache (backbone, classifier) is made once. */
    @TempDir
    static Path shared;

    /** experiments/smoke.yaml under another name, without memory passes, training {@code steps} steps. */
    private static Path smoke(Path dir, String name, int steps) throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE).replace("name: smoke\n", "name: " + name + "\n")
                .replace("  steps: 10\n", "  steps: " + steps + "\n")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    /** The run folder of an experiment name in the shared output. */
    private static Path folder(String name) throws IOException {
        return CommandLineTest.runFolders(shared.resolve("runs")).stream()
                .filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalToTheRunStopsItsArmProcessBeforeTheRunExitsAndTheRunIsListedInterrupted(String signal,
            @TempDir Path dir) throws Exception {
        Path output = shared.resolve("runs");
        String name = "sig" + signal.toLowerCase(java.util.Locale.ROOT);
        Process run = ResumeTest.unicon("run", smoke(dir, name, 5000).toString(), "--output", output.toString())
                .start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> arms = List.of();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("[controlnet] step ")) { // the arm's process is training
                    arms = run.descendants().toList();
                    break;
                }
            }
            assertFalse(arms.isEmpty(), "an arm process trained: " + String.join("\n", lines));
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + run.pid()).start(); // the shell's kill
            assertEquals(0, kill.waitFor());
            out.transferTo(java.io.Writer.nullWriter());
        }
        run.waitFor();
        for (ProcessHandle arm : arms) {
            assertFalse(arm.isAlive(),
                    "arm process " + arm.pid() + " still alive after the run exited (SIG" + signal + ")");
        }
        Path folder = folder(name);
        assertFalse(Files.exists(folder.resolve("arms/controlnet/seed-0/row.json")),
                "stopped, not failed: no row, so a resume continues the arm");
        CommandLineTest.Invocation runs = CommandLineTest.unicon("runs", "--output", output.toString());
        assertEquals(0, runs.code(), runs.err());
        assertTrue(line(runs.out(), folder.getFileName().toString()).contains(" interrupted "), runs.out());
        assertTrue(runs.out().contains("./unicon run --resume " + folder), runs.out());
    }

    @Test
    void aRunWhoseProcessIsAliveIsListedRunningAndADeadOneInterrupted(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("runs");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        ProcessHandle self = ProcessHandle.current();
        String[][] processes = {
            {"alive-20261129-000000", String.valueOf(self.pid()),
                self.info().startInstant().map(Instant::toString).orElse(null)},
            {"dead-20261129-000000", String.valueOf(gone.pid()), Instant.EPOCH.toString()},
            // the live pid of this JVM, but recorded with another start time: a reused number, not the run's process
            {"reused-20261129-000000", String.valueOf(self.pid()), Instant.EPOCH.toString()},
        };
        for (String[] p : processes) {
            Path run = output.resolve(p[0]);
            Files.createDirectories(run);
            Files.writeString(run.resolve("summary.json"),
                    "{\"experiment\":\"smoke\",\"status\":\"running\",\"arms\":[]}");
            Files.writeString(run.resolve(RunProcess.FILE), new ObjectMapper().writeValueAsString(java.util.Map.of(
                    "host", RunProcess.host(), "pid", Long.parseLong(p[1]), "processStartedAt", p[2])));
        }
        CommandLineTest.Invocation runs = CommandLineTest.unicon("runs", "--output", output.toString());
        String out = runs.out();
        assertTrue(line(out, "alive-").contains(" running "), out);
        assertTrue(line(out, "dead-").contains(" interrupted "), out);
        assertTrue(line(out, "reused-").contains(" interrupted "), out);
        assertTrue(out.contains("./unicon run --resume " + output.resolve("dead-20261129-000000")), out);
        assertFalse(out.contains("--resume " + output.resolve("alive-20261129-000000")), out);
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + out));
    }

    /**
     * A diverging arm (a NaN loss injected at step 3, a test-only hook) becomes a failed row with the
     * step and the reason while the other arm finishes; a resume keeps it failed; a resume with
     * --retry-failed trains it again.
     */
    @Test
    void aDivergingArmIsAFailedRowWithItsStepAndRetryFailedTrainsItAgain(@TempDir Path dir) throws Exception {
        Path file = smoke(dir, "diverge", 10);
        Path output = shared.resolve("runs");
        List<String> command = new ArrayList<>(ResumeTest.unicon().command());
        command.add(1, "-Dorg.uniconbench.test.nanAtStep=unicon@3"); // a JVM option: arm processes inherit it
        command.addAll(List.of("run", file.toString(), "--output", output.toString()));
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertEquals(1, run.waitFor(), () -> "an arm failed: " + read(log));
        Path folder = folder("diverge");
        JsonNode unicon = ResumeTest.row(folder, "unicon");
        assertEquals("failed", unicon.get("status").asText());
        assertEquals(3, unicon.get("failedAtStep").asInt());
        assertTrue(unicon.get("error").asText().contains("loss became NaN at step 3"), unicon.toString());
        assertEquals("completed", ResumeTest.row(folder, "controlnet").get("status").asText(),
                "the other arm finishes");
        assertEquals("partial", summaryStatus(folder));

        CommandLineTest.Invocation kept = CommandLineTest.unicon("run", "--resume", folder.toString());
        assertEquals(1, kept.code(), kept.err() + kept.out());
        assertEquals("failed", ResumeTest.row(folder, "unicon").get("status").asText(),
                "a plain resume keeps it failed");

        CommandLineTest.Invocation retried = CommandLineTest.unicon("run", "--resume", folder.toString(),
                "--retry-failed");
        assertEquals(0, retried.code(), retried.err() + retried.out());
        assertTrue(retried.out().contains("[unicon seed 0] failed earlier (loss became NaN at step 3"), retried.out());
        assertEquals("completed", ResumeTest.row(folder, "unicon").get("status").asText());
        assertEquals("completed", summaryStatus(folder));
        assertTrue(Files.isRegularFile(folder.resolve("arms/unicon/seed-0/row-failed.json")), "the failed row is kept");
    }

    @Test
    void aNanInBackbonePretrainingStopsWithExitTwoAndCachesNothing(@TempDir Path dir) throws IOException {
        System.setProperty("org.uniconbench.test.nanAtStep", "backbone@2");
        try {
            CommandLineTest.Invocation v = CommandLineTest.unicon("run", CommandLineTest.SMOKE.toString(), "--output",
                    dir.resolve("runs").toString());
            assertEquals(2, v.code(), v.err() + v.out());
            assertTrue(v.err().contains("backbone pre-training diverged: loss NaN at step 2"), v.err());
            assertTrue(v.err().contains("lower backbone.pretrain.learning_rate"), v.err());
            assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
            assertEquals("failed", summaryStatus(CommandLineTest.runFolders(dir.resolve("runs")).get(0)));
            assertFalse(
                    Files.exists(dir.resolve("runs/.cache")) && dir.resolve("runs/.cache").toFile()
                            .list((d, n) -> n.startsWith("backbone-") && n.endsWith(".ucb")).length > 0,
                    "nothing cached");
        } finally {
            System.clearProperty("org.uniconbench.test.nanAtStep");
        }
    }

    @Test
    void retryFailedWithoutResumeExitsTwo() {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", CommandLineTest.SMOKE.toString(),
                "--retry-failed");
        assertEquals(2, v.code());
        assertTrue(v.err().contains("--retry-failed goes with --resume"), v.err());
    }

    private static String summaryStatus(Path folder) throws IOException {
        return new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("status").asText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
