package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.cli.Main;
import org.uniconbench.harness.cli.SyncCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link MlflowSync} against a real MLflow server ({@code MLFLOW_TRACKING_URI}, started by
 * {@code scripts/test} through {@code scripts/mlflow-server}); everything is read back through the
 * REST API, not through the Java client the sync uses.
 */
class MlflowSyncTest {

    private static String uri;
    private static MlflowRest rest;

    @BeforeAll
    static void server() {
        uri = System.getenv(MlflowSync.URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            fail("MLFLOW_TRACKING_URI is not set: these tests need a real MLflow server. Run ./scripts/test, which "
                    + "starts one, or start one yourself: eval \"$(scripts/mlflow-server)\" before mvn");
        }
        rest = new MlflowRest(uri);
    }

    @Test
    void firstSyncUploadsParamsTagsFullHistoriesAndIdenticalArtifacts(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        MlflowSync.Report report = MlflowSync.sync(run.dir, uri);

        String experimentId = rest.experimentId(run.experiment);
        assertNotNull(experimentId, "experiment named after summary.json's experiment");
        assertEquals(experimentId, report.experimentId());
        assertTrue(report.experimentCreated());
        assertEquals(6, rest.runs(experimentId).size(), "one parent, a backbone row, two arms x two seeds");
        assertEquals(6, report.runsCreated());

        JsonNode parent = rest.runNamed(experimentId, run.folderName());
        Map<String, String> parentTags = MlflowRest.tags(parent);
        assertEquals(FakeRunFolder.COMMIT, parentTags.get("mlflow.source.git.commit"));
        assertEquals("cpu()", parentTags.get("unicon.device"));
        assertEquals("0.36.0", parentTags.get("unicon.djl_version"));
        assertEquals("2.7.1", parentTags.get("unicon.libtorch_version"));
        assertEquals(run.folderName(), parentTags.get(MlflowSync.RUN_DIR_TAG));
        assertEquals("FINISHED", parent.path("info").path("status").asText());

        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("name", run.experiment);
        shared.put("description", "fake run: two arms, two seeds");
        shared.put("seeds", "[0, 1]");
        shared.put("device", "auto");
        shared.put("output", "runs");
        shared.put("dataset.kind", "shapes");
        shared.put("dataset.resolution", "16");
        shared.put("dataset.path", "null");
        shared.put("backbone.channels", "[8, 16]");
        shared.put("backbone.pretrain.steps", "20");
        shared.put("backbone.pretrain.learning_rate", "0.001");
        shared.put("diffusion.beta_start", "1.0E-4");
        shared.put("training.steps", "250");
        assertEquals(shared, MlflowRest.params(parent));

        Map<String, String> unicon1 = new LinkedHashMap<>(shared);
        unicon1.put("arm.name", "unicon");
        unicon1.put("arm.method", "unicon");
        unicon1.put("arm.adapter.width", "0.5");
        unicon1.put("arm.adapter.depth", "1");
        unicon1.put("arm.adapter.connector", "zero-ft");
        unicon1.put("arm.adapter.channels", "[4, 8]");
        unicon1.put("seed", "1");
        assertEquals(unicon1, MlflowRest.params(rest.runNamed(experimentId, "unicon seed 1")));
        Map<String, String> backbone = new LinkedHashMap<>(shared);
        backbone.put("arm.name", "backbone");
        backbone.put("arm.method", "none");
        backbone.put("seed", "0");
        assertEquals(backbone, MlflowRest.params(rest.runNamed(experimentId, "backbone seed 0")));

        int points = 0;
        JsonNode summary = new ObjectMapper().readTree(run.dir.resolve("summary.json").toFile());
        for (JsonNode row : summary.path("arms")) {
            String arm = row.path("name").asText();
            int seed = row.path("seed").asInt();
            JsonNode child = rest.runNamed(experimentId, arm + " seed " + seed);
            String childId = MlflowRest.id(child);
            Map<String, String> tags = MlflowRest.tags(child);
            assertEquals(MlflowRest.id(parent), tags.get("mlflow.parentRunId"));
            assertEquals(FakeRunFolder.COMMIT, tags.get("mlflow.source.git.commit"));
            assertEquals("2.7.1", tags.get("unicon.libtorch_version"));
            assertEquals("FINISHED", child.path("info").path("status").asText());
            row.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    assertHistory(List.of(new double[] {0, f.getValue().asDouble()}), rest.history(childId, f.getKey()),
                            arm + " seed " + seed + " final " + f.getKey());
                }
            });
            assertEquals(List.of(), rest.history(childId, "peakMemoryBytes"), "null is not a metric");
            if (arm.equals("backbone")) {
                assertEquals(Map.of(), rest.artifacts(childId));
                continue;
            }
            for (String key : FakeRunFolder.STEP_KEYS) {
                List<double[]> expected = run.points(arm, seed, key);
                assertEquals(run.steps.get(arm), expected.size());
                assertHistory(expected, rest.history(childId, key), arm + " seed " + seed + " " + key);
                points += expected.size();
            }
            assertEquals(Map.of("metrics.jsonl", Files.size(run.metrics(arm))), rest.artifacts(childId));
            assertArrayEquals(Files.readAllBytes(run.metrics(arm)), rest.artifact(childId, "metrics.jsonl"));
        }
        assertTrue(report.metrics() > points, "step points plus final metrics: " + report.metrics());

        Map<String, Long> expectedFiles = new TreeMap<>();
        for (String f : List.of("report.html", "summary.csv", "summary.json", "experiment.yaml", "provenance.json",
                "samples/index.json", "samples/condition/000.png", "samples/controlnet/000.png")) {
            expectedFiles.put(f, Files.size(run.dir.resolve(f)));
        }
        String parentId = MlflowRest.id(parent);
        assertEquals(expectedFiles, new TreeMap<>(rest.artifacts(parentId)));
        for (String f : expectedFiles.keySet()) {
            assertArrayEquals(Files.readAllBytes(run.dir.resolve(f)), rest.artifact(parentId, f), f);
        }

        JsonNode ledger = new ObjectMapper().readTree(run.dir.resolve(MlflowSync.LEDGER).toFile());
        assertEquals(parentId, ledger.path("parentRunId").asText());
        assertEquals(experimentId, ledger.path("experimentId").asText());
        assertEquals(MlflowRest.id(rest.runNamed(experimentId, "unicon seed 1")),
                ledger.path("childRunIds").path("unicon seed 1").asText());
    }

    @Test
    void syncingAgainUploadsNothingEvenWithAMissingOrStaleIdFile(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        MlflowSync.sync(run.dir, uri);
        String experimentId = rest.experimentId(run.experiment);
        Map<String, Object> before = snapshot(experimentId);

        MlflowSync.Report again = MlflowSync.sync(run.dir, uri);
        assertTrue(again.nothingUploaded(), again.describe());
        assertEquals(before, snapshot(experimentId));

        Files.delete(run.dir.resolve(MlflowSync.LEDGER));
        assertTrue(MlflowSync.sync(run.dir, uri).nothingUploaded(), "runs found again by their tags");
        Files.writeString(run.dir.resolve(MlflowSync.LEDGER), "{\"trackingUri\":\"" + uri + "\",\"experimentId\":\""
                + experimentId + "\",\"parentRunId\":\"0123456789abcdef0123456789abcdef\",\"childRunIds\":"
                + "{\"unicon seed 1\":\"fedcba9876543210fedcba9876543210\"}}");
        assertTrue(MlflowSync.sync(run.dir, uri).nothingUploaded(), "ids of runs the server lacks are ignored");
        assertEquals(before, snapshot(experimentId));
    }

    @Test
    void syncAfterAnOutageUploadsExactlyTheNewPointsOnce(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        MlflowSync.sync(run.dir, uri);
        String experimentId = rest.experimentId(run.experiment);

        // the server goes away; training goes on and appends to the run folder
        String dead = deadUri();
        TrackingUnavailableException down = assertThrows(TrackingUnavailableException.class,
                () -> MlflowSync.sync(run.dir, dead));
        assertTrue(down.getMessage().contains(dead) && down.getMessage().contains("unreachable"), down.getMessage());
        run.appendSteps("controlnet", 1, 251, 262, new Random(7));

        MlflowSync.Report report = MlflowSync.sync(run.dir, uri);
        assertEquals(12 * FakeRunFolder.STEP_KEYS.length, report.metrics(), report.describe());
        assertEquals(2, report.artifacts(), "only the grown metrics.jsonl, on both controlnet children");
        assertEquals(0, report.runsCreated());
        assertEquals(6, rest.runs(experimentId).size());
        String grown = MlflowRest.id(rest.runNamed(experimentId, "controlnet seed 1"));
        String untouched = MlflowRest.id(rest.runNamed(experimentId, "controlnet seed 0"));
        for (String key : FakeRunFolder.STEP_KEYS) {
            List<double[]> expected = run.points("controlnet", 1, key);
            assertEquals(262, expected.size());
            assertHistory(expected, rest.history(grown, key), "controlnet seed 1 " + key);
            assertHistory(run.points("controlnet", 0, key), rest.history(untouched, key), "controlnet seed 0 " + key);
        }
        assertArrayEquals(Files.readAllBytes(run.metrics("controlnet")), rest.artifact(grown, "metrics.jsonl"));
        assertTrue(MlflowSync.sync(run.dir, uri).nothingUploaded());
    }

    @Test
    void syncCommandPrintsCountsAndUsesExitCodes(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        Map<String, String> env = Map.of(MlflowSync.URI_VARIABLE, uri);

        Result noUri = sync(Map.of(), run.dir.toString());
        assertEquals(Main.BAD_INPUT, noUri.code);
        assertTrue(noUri.err.contains("--mlflow") && noUri.err.contains("MLFLOW_TRACKING_URI"), noUri.err);
        Files.createDirectories(tmp.resolve("not-a-run"));
        Result notRun = sync(env, tmp.resolve("not-a-run").toString());
        assertEquals(Main.BAD_INPUT, notRun.code);
        assertTrue(notRun.err.contains("not a run folder"), notRun.err);
        Result down = sync(env, run.dir.toString(), "--mlflow", deadUri());
        assertEquals(Main.FAILURE, down.code);
        assertTrue(down.err.contains("unreachable"), down.err);

        Result first = sync(env, run.dir.toString());
        assertEquals(Main.OK, first.code, first.err);
        assertTrue(first.out.contains("6 runs (6 created)") && first.out.contains("12 artifacts"), first.out);
        Result second = sync(Map.of(), run.dir.toString(), "--mlflow", uri + "/");
        assertEquals(Main.OK, second.code, second.err);
        assertTrue(second.out.contains("up to date"), second.out);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result sync(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SyncCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Run names to their params, tags (without the server's own), history lengths and artifact sizes. */
    private static Map<String, Object> snapshot(String experimentId) {
        Map<String, Object> state = new TreeMap<>();
        for (JsonNode r : rest.runs(experimentId)) {
            String id = MlflowRest.id(r);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("params", MlflowRest.params(r));
            one.put("tags", MlflowRest.tags(r));
            Map<String, Integer> lengths = new TreeMap<>();
            r.path("data").path("metrics").forEach(m -> lengths.put(m.path("key").asText(),
                    rest.history(id, m.path("key").asText()).size()));
            one.put("histories", lengths);
            one.put("artifacts", rest.artifacts(id));
            one.put("status", r.path("info").path("status").asText());
            state.put(r.path("info").path("run_name").asText() + " " + id, one);
        }
        return state;
    }

    private static void assertHistory(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": history length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": point " + i + " (step, value)");
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static String deadUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
