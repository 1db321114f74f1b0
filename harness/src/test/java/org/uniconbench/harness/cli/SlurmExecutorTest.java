package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Slurm executor against a real Slurm (scripts/test starts a one-node one with
 * scripts/slurm-local; without it these tests fail, they do not skip): arm runs as jobs give the
 * local run's numbers, a cancelled job becomes a failed row with Slurm's account, a requeued job
 * continues from its checkpoint to the same numbers, a detached run (by --detach or by SIGTERM) is
 * collected by --resume.
 */
class SlurmExecutorTest {

    @TempDir
    static Path shared;

    static Path experiment;
    static Path local;

    /** experiments/smoke.yaml with 60 steps (checkpoints every 5, so there is time to act mid-training). */
    @BeforeAll
    static void slurmIsThereAndTheLocalReferenceRan() throws Exception {
        Process sinfo = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
        String states = new String(sinfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sinfo.waitFor(), "these tests need a running Slurm (scripts/test starts one; by hand: "
                + "scripts/slurm-local start); sinfo says: " + states);
        assertFalse(states.isBlank(), "Slurm has no node; start one with scripts/slurm-local start");
        System.setProperty("org.uniconbench.slurm.poll", "1");
        String text = Files.readString(CommandLineTest.SMOKE).replace("  steps: 10\n", "  steps: 60\n")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n");
        experiment = shared.resolve("smoke.yaml");
        Files.writeString(experiment, text);
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", experiment.toString(), "--output",
                shared.resolve("local").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        local = CommandLineTest.runFolders(shared.resolve("local")).get(0);
    }

    @Test
    void theSmokeExperimentAsSlurmJobsGivesTheLocalRunsNumbers() throws IOException {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", experiment.toString(), "--executor", "slurm",
                "--output", shared.resolve("attached").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        assertTrue(v.out().contains("the nodes share"), v.out());
        assertTrue(v.out().contains("COMPLETED"), "job states are shown: " + v.out());
        Path run = CommandLineTest.runFolders(shared.resolve("attached")).get(0);
        for (String arm : List.of("controlnet", "unicon")) {
            JsonNode row = ResumeTest.row(run, arm);
            ResumeTest.assertSameNumbers(ResumeTest.row(local, arm), row);
            assertTrue(row.get("slurmJobId").asText().matches("[0-9]+_[01]"), row.toString());
            assertEquals("debug", row.get("slurmPartition").asText());
            assertFalse(row.get("slurmNode").asText().isEmpty());
            assertTrue(row.get("slurmVersion").asText().contains("22.")
                    || row.get("slurmVersion").asText().contains("slurm"));
        }
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
    }

    @Test
    void aDetachedRunWithAJobCancelledMidTrainingIsCollectedWithAFailedRowNamingSlurmsReason() throws Exception {
        Path run = detached("cancelled");
        CommandLineTest.Invocation status = CommandLineTest.unicon("status", run.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("[controlnet] job ") && status.out().contains("unicon run --resume"),
                status.out());
        String job = jobId(run, "controlnet");
        awaitStep(run.resolve("arms/controlnet/seed-0/metrics.jsonl"), 3);
        slurm("scancel", job);

        CommandLineTest.Invocation collected = CommandLineTest.unicon("run", "--resume", run.toString());
        assertEquals(1, collected.code(), "one arm failed: exit 1 at the end; " + collected.out());
        JsonNode failed = ResumeTest.row(run, "controlnet");
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().contains("CANCELLED") && failed.get("error").asText().contains(job),
                failed.get("error").asText());
        JsonNode other = ResumeTest.row(run, "unicon");
        assertEquals("completed", other.get("status").asText(), "the other arm went on");
        ResumeTest.assertSameNumbers(ResumeTest.row(local, "unicon"), other);
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        assertTrue(CommandLineTest.unicon("status", run.toString()).out().contains("failed: Slurm job " + job));
    }

    @Test
    void aRequeuedArmContinuesFromItsCheckpointToTheUninterruptedNumbers() throws Exception {
        // an attached run that gets SIGTERM detaches: it exits 0 and its jobs run on
        Path output = shared.resolve("requeued");
        Path log = shared.resolve("requeued.log");
        Process attached = ResumeTest.unicon("run", experiment.toString(), "--executor", "slurm", "--output",
                output.toString()).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains("submitted ")) && System.nanoTime() < deadline) {
            assertTrue(attached.isAlive(), () -> "the run ended before submitting: " + read(log));
            Thread.sleep(100);
        }
        attached.destroy(); // SIGTERM
        assertEquals(0, attached.waitFor(), () -> read(log));
        assertTrue(read(log).contains("detached (SIGTERM)"), () -> read(log));
        Path run = CommandLineTest.runFolders(output).get(0);
        String job = jobId(run, "controlnet");
        awaitStep(run.resolve("arms/controlnet/seed-0/metrics.jsonl"), 8); // past the checkpoint of step 5
        assertFalse(Files.exists(run.resolve("arms/controlnet/seed-0/row.json")), "still training when requeued");
        slurm("scontrol", "requeue", job); // slurm-local holds it 11 s (AuthInfo cred_expire=10), then it starts again

        CommandLineTest.Invocation collected = CommandLineTest.unicon("run", "--resume", run.toString());
        assertEquals(0, collected.code(), collected.err() + collected.out());
        JsonNode row = ResumeTest.row(run, "controlnet");
        assertTrue(row.path("resumedFromStep").asInt(-1) >= 5, () -> "continued from a checkpoint: " + row + "\n"
                + read(run.resolve("arms/controlnet/seed-0/console.log")));
        assertTrue(row.get("slurmRestarts").asInt() >= 1, row.toString());
        ResumeTest.assertSameNumbers(ResumeTest.row(local, "controlnet"), row);
        assertEquals(ResumeTest.losses(local.resolve("arms/controlnet/seed-0/metrics.jsonl")),
                ResumeTest.losses(run.resolve("arms/controlnet/seed-0/metrics.jsonl")));
    }

    @Test
    void anUnknownPartitionIsBadInputWithSlurmsOwnWordsBeforeAnyRunFolder() throws IOException {
        Path file = shared.resolve("bad-partition.yaml");
        Files.writeString(file,
                Files.readString(experiment) + "executor:\n  kind: slurm\n  partition: nosuchpartition\n");
        Path output = shared.resolve("bad-partition");
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", file.toString(), "--output", output.toString());
        assertEquals(2, v.code(), v.err() + v.out());
        assertTrue(v.err().contains("invalid partition") && v.err().contains("nosuchpartition"), v.err());
        assertFalse(Files.exists(output) && !CommandLineTest.runFolders(output).isEmpty(), "no run folder");
    }

    @Test
    void theSlurmExecutorWithoutSbatchOnPathIsBadInput() throws Exception {
        ProcessBuilder b = ResumeTest.unicon("run", CommandLineTest.SMOKE.toString(), "--executor", "slurm",
                "--output", shared.resolve("no-sbatch").toString());
        b.environment().put("PATH", shared.resolve("empty-bin").toString());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.contains("needs Slurm's sbatch on PATH"), out);
        assertFalse(Files.exists(shared.resolve("no-sbatch"))
                && !CommandLineTest.runFolders(shared.resolve("no-sbatch")).isEmpty());
    }

    @Test
    void anOutputFolderTheNodesCannotSeeIsBadInputBeforeAnythingIsSubmitted() throws Exception {
        // the run starts in a mount namespace of its own, where the output folder is a private tmpfs:
        // this machine's slurmd (the node) sees an empty folder there, as a node sees a login node's /tmp
        Path hidden = shared.resolve("hidden");
        Files.createDirectories(hidden);
        List<String> java = ResumeTest.unicon("run", experiment.toString(), "--executor", "slurm", "--output",
                hidden.resolve("runs").toString()).command();
        String script = "mount -t tmpfs tmpfs " + Shell.quote(hidden.toString()) + " && exec "
                + String.join(" ", java.stream().map(Shell::quote).toList());
        ProcessBuilder b = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "bash", "-c", script)
                .redirectErrorStream(true);
        b.environment().put("OPT_OUT_TRACKING", "true");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), "needs root and unshare (scripts/test runs as root): " + out);
        assertTrue(out.contains("is not visible to the Slurm nodes") && out.contains("--output"), out);
        assertFalse(out.contains("run folder:"), "no run folder, nothing submitted: " + out);
    }

    /** Single quotes for bash. */
    private static final class Shell {
        static String quote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }
    }

    @Test
    void detachWithTheLocalExecutorIsBadInput() {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", CommandLineTest.SMOKE.toString(), "--detach",
                "--output", shared.resolve("local-detach").toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("--detach needs the slurm executor"), v.err());
    }

    /** Submits the experiment detached; returns the run folder it printed. */
    private static Path detached(String name) throws IOException {
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", experiment.toString(), "--executor", "slurm",
                "--detach", "--output", shared.resolve(name).toString());
        assertEquals(0, v.code(), v.err() + v.out());
        List<String> lines = v.out().strip().lines().toList();
        Path run = Path.of(lines.get(lines.size() - 1));
        assertTrue(Files.isRegularFile(run.resolve("slurm/jobs.json")), v.out());
        assertFalse(Files.exists(run.resolve("report.html")), "detached: nothing collected yet");
        return run;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String jobId(Path run, String arm) throws IOException {
        JsonNode job = new ObjectMapper().readTree(run.resolve("slurm/jobs.json").toFile()).get("jobs").get(arm + "/0");
        assertNotNull(job, "no job for " + arm);
        return job.get("jobId").asText();
    }

    /** Waits (up to ten minutes: the queue may hold other jobs first) until the log has reached {@code step}. */
    private static void awaitStep(Path metrics, int step) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(metrics) && Files.readAllLines(metrics).size() >= step) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the arm did not reach step " + step + ": " + metrics);
    }

    private static void slurm(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
