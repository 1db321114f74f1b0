package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code unicon run} and {@code unicon sync} as users run them (fresh JVMs, MLflow's variables in
 * the environment) against the real basic-auth server: without credentials the run completes,
 * says once what to set and how to upload later, and the later sync uploads everything; with them
 * everything lands during the run. No file of either run folder, no console line and no MLflow
 * param or tag holds the password.
 */
class MlflowAuthRunTest {

    /** experiments/smoke.yaml with one arm, no memory passes, and a name of its own on the shared server. */
    private static String experiment(String name) throws IOException {
        String text = Files.readString(Path.of("..", "experiments", "smoke.yaml"));
        String reduced = text.replace("name: smoke\n", "name: " + name + "\n")
                .replace("  - name: unicon\n    method: unicon\n    adapter:\n      width: 0.5\n", "")
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n");
        assertTrue(!reduced.equals(text) && !reduced.contains("method: unicon") && reduced.contains("memory_passes: 0"),
                "experiments/smoke.yaml changed shape: adapt this test's edits");
        return reduced;
    }

    private static AuthServer server;
    private static MlflowRest admin;

    @BeforeAll
    static void server() {
        server = AuthServer.get();
        admin = server.admin();
    }

    /** Exit code and everything the process printed (standard output and error together). */
    private record Console(int code, String text) {
    }

    /** The command line in a fresh JVM (as ./unicon starts it) with exactly the given MLflow variables. */
    private static Console unicon(Map<String, String> mlflowVariables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.uniconbench.harness.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().putAll(mlflowVariables);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("unicon " + String.join(" ", args) + " did not end");
        }
        return new Console(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path onlyRunFolder(Path output) throws IOException {
        try (Stream<Path> s = Files.list(output)) {
            List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void withoutCredentialsTheRunCompletesAndSaysOnceWhatToDoThenSyncUploadsAndNoSecretLeaks(@TempDir Path tmp)
            throws IOException, InterruptedException {
        String name = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        Path yaml = Files.writeString(tmp.resolve(name + ".yaml"), experiment(name));

        // 1. no credentials: the run completes; one complaint naming HTTP 401, the variables and the real folder
        Console bare = unicon(server.environment(null, null), "run", yaml.toString(), "--output",
                tmp.resolve("bare").toString());
        assertEquals(0, bare.code(), bare.text());
        Path bareRun = onlyRunFolder(tmp.resolve("bare"));
        assertEquals("completed",
                new ObjectMapper().readTree(bareRun.resolve("summary.json").toFile()).path("status").asText());
        assertEquals(1, count(bare.text(), "HTTP 401"), "the complaint is printed once: " + bare.text());
        assertTrue(bare.text().contains("MLFLOW_TRACKING_USERNAME") && bare.text().contains("MLFLOW_TRACKING_TOKEN"),
                bare.text());
        assertTrue(bare.text().contains("unicon sync " + bareRun + " --mlflow " + server.uri), bare.text());
        assertFalse(bare.text().contains("RUN_DIR"), bare.text());
        assertNull(admin.experimentId(name), "nothing reached the server");

        // 2. later, with credentials: `unicon sync` uploads the whole folder
        Map<String, String> withCredentials = server.environment(server.user, server.password);
        Console sync = unicon(withCredentials, "sync", bareRun.toString());
        assertEquals(0, sync.code(), sync.text());
        String experimentId = admin.experimentId(name);
        assertNotNull(experimentId, sync.text());
        assertLanded(experimentId, bareRun);

        // 3. a run with credentials: everything lands while it runs
        Console run = unicon(withCredentials, "run", yaml.toString(), "--output", tmp.resolve("auth").toString());
        assertEquals(0, run.code(), run.text());
        Path authRun = onlyRunFolder(tmp.resolve("auth"));
        assertFalse(run.text().contains("HTTP 401") || run.text().contains("MLflow: "), "no complaint: " + run.text());
        assertLanded(experimentId, authRun);

        // 4. the password is nowhere: files of both folders, consoles, MLflow params and tags
        List<String> secrets = List.of(server.password, Base64.getEncoder().encodeToString(
                (server.user + ":" + server.password).getBytes(StandardCharsets.UTF_8)));
        int files = 0;
        for (Path folder : List.of(bareRun, authRun)) {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    secrets.forEach(s -> assertFalse(bytes.contains(s), "a secret in " + f));
                    files++;
                }
            }
        }
        assertTrue(files > 20, "searched " + files + " files");
        for (Console c : List.of(bare, sync, run)) {
            secrets.forEach(s -> assertFalse(c.text().contains(s), "a secret on the console"));
        }
        for (JsonNode r : admin.runs(experimentId)) {
            String stored = MlflowRest.params(r) + " " + MlflowRest.tags(r);
            secrets.forEach(
                    s -> assertFalse(stored.contains(s), "a secret in the params or tags of " + MlflowRest.id(r)));
        }
    }

    /** The folder's parent run, its rows as child runs with their loss history, and its files as artifacts, byte for byte. */
    private static void assertLanded(String experimentId, Path runDir) throws IOException {
        JsonNode parent = admin.runNamed(experimentId, runDir.getFileName().toString());
        String parentId = MlflowRest.id(parent);
        assertEquals("FINISHED", parent.path("info").path("status").asText());
        assertTrue(MlflowRest.params(parent).containsKey("training.steps"), MlflowRest.params(parent).toString());
        Map<String, Long> artifacts = admin.artifacts(parentId);
        for (String f : List.of("report.html", "summary.json", "experiment.yaml", "provenance.json",
                "samples/index.json")) {
            assertEquals(Files.size(runDir.resolve(f)), artifacts.get(f), f);
        }
        assertEquals(Files.readString(runDir.resolve("summary.json")),
                new String(admin.artifact(parentId, "summary.json"), StandardCharsets.UTF_8));
        List<JsonNode> children = admin.runs(experimentId).stream()
                .filter(r -> parentId.equals(MlflowRest.tags(r).get("mlflow.parentRunId"))
                        && "controlnet seed 0".equals(r.path("info").path("run_name").asText()))
                .toList();
        assertEquals(1, children.size(), "the arm's child run of " + runDir.getFileName());
        JsonNode child = children.get(0);
        List<double[]> loss = admin.history(MlflowRest.id(child), "loss");
        assertEquals(10, loss.size(), "one loss point per training step");
        assertTrue(admin.artifacts(MlflowRest.id(child)).containsKey("metrics.jsonl"));
    }
}
