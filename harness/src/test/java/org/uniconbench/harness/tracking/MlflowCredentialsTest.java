package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MlflowSync} against a real {@code mlflow server --app-name basic-auth} over HTTPS (started
 * by {@code scripts/mlflow-server --basic-auth}), with credentials from MLflow's own variables; what
 * arrived is read back through the REST API as the server's admin.
 */
class MlflowCredentialsTest {

    private static AuthServer server;
    private static MlflowRest admin;

    @BeforeAll
    static void server() {
        server = AuthServer.get();
        admin = server.admin();
    }

    private static TrackingTarget target(Map<String, String> env) {
        return TrackingTarget.resolve(null, env);
    }

    @Test
    void withoutCredentialsTheSyncNamesHttp401AndTheVariablesToSetAndUploadsNothing(@TempDir Path tmp)
            throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        TrackingAuthException e = assertThrows(TrackingAuthException.class,
                () -> MlflowSync.sync(run.dir, target(server.environment(null, null))));
        assertEquals(401, e.status());
        for (String expected : new String[] {"HTTP 401", "no credentials", "MLFLOW_TRACKING_USERNAME",
            "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", server.uri}) {
            assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
        }
        assertNull(admin.experimentId(run.experiment), "nothing reached the server");
        assertFalse(Files.exists(run.dir.resolve(MlflowSync.LEDGER)));
    }

    @Test
    void withCredentialsParamsMetricsAndArtifactsLand(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        MlflowSync.Report report = MlflowSync.sync(run.dir, target(server.environment(server.user, server.password)));
        assertEquals(6, report.runsCreated(), report.describe());

        String experimentId = admin.experimentId(run.experiment);
        assertNotNull(experimentId);
        assertEquals(6, admin.runs(experimentId).size(), "one parent, a backbone row, two arms x two seeds");
        JsonNode child = admin.runNamed(experimentId, "unicon seed 1");
        Map<String, String> params = MlflowRest.params(child);
        assertEquals("unicon", params.get("arm.name"));
        assertEquals("zero-ft", params.get("arm.adapter.connector"));
        assertEquals("1", params.get("seed"));
        List<double[]> loss = admin.history(MlflowRest.id(child), "loss");
        List<double[]> expected = run.points("unicon", 1, "loss");
        assertEquals(expected.size(), loss.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), loss.get(i), "loss point " + i);
        }
        String parentId = MlflowRest.id(admin.runNamed(experimentId, run.folderName()));
        Map<String, Long> files = new TreeMap<>(admin.artifacts(parentId));
        assertEquals(8, files.size(), files.toString());
        for (String f : files.keySet()) {
            assertArrayEquals(Files.readAllBytes(run.dir.resolve(f)), admin.artifact(parentId, f), f);
        }
        assertArrayEquals(Files.readAllBytes(run.metrics("unicon")),
                admin.artifact(MlflowRest.id(child), "metrics.jsonl"));

        assertTrue(
                MlflowSync.sync(run.dir, target(server.environment(server.user, server.password))).nothingUploaded());
    }

    @Test
    void aWrongPasswordOrTokenIsRejectedByNameWithoutShowingIt(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        TrackingAuthException wrong = assertThrows(TrackingAuthException.class,
                () -> MlflowSync.sync(run.dir, target(server.environment(server.user, "wrong-pw-4711"))));
        assertEquals(401, wrong.status());
        assertTrue(
                wrong.getMessage().contains("rejected the credentials")
                        && wrong.getMessage().contains("'" + server.user + "'"),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-pw-4711"), wrong.getMessage());

        Map<String, String> env = server.environment(null, null);
        env.put("MLFLOW_TRACKING_TOKEN", "token-0815"); // the basic-auth app takes no bearer tokens
        TrackingAuthException token = assertThrows(TrackingAuthException.class,
                () -> MlflowSync.sync(run.dir, target(env)));
        assertTrue(token.getMessage().contains("bearer token") && token.getMessage().contains("rejected"),
                token.getMessage());
        assertFalse(token.getMessage().contains("token-0815"), token.getMessage());
        assertNull(admin.experimentId(run.experiment));
    }

    @Test
    void aUserWithoutEditPermissionGetsHttp403Named(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        MlflowSync.sync(run.dir, target(server.environment(server.user, server.password)));
        String reader = "reader-" + run.experiment;
        admin.createUser(reader, "reader-password-" + run.experiment);
        run.appendSteps("controlnet", 1, 251, 255, new Random(3)); // new points to log: needs EDIT

        TrackingAuthException e = assertThrows(TrackingAuthException.class, () -> MlflowSync.sync(run.dir,
                target(server.environment(reader, "reader-password-" + run.experiment))));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("'" + reader + "'")
                && e.getMessage().contains("permission"), e.getMessage());
    }

    @Test
    void tlsIsVerifiedAgainstTheCaBundleOrSkippedOnlyWhenAskedTo(@TempDir Path tmp) throws IOException {
        FakeRunFolder run = FakeRunFolder.write(tmp);
        Map<String, String> env = server.environment(server.user, server.password);
        env.remove("MLFLOW_TRACKING_SERVER_CERT_PATH"); // the JVM's CAs do not know the self-signed certificate
        TrackingUnavailableException untrusted = assertThrows(TrackingUnavailableException.class,
                () -> MlflowSync.sync(run.dir, target(env)));
        assertTrue(untrusted.getMessage().contains("TLS handshake failed")
                && untrusted.getMessage().contains("MLFLOW_TRACKING_SERVER_CERT_PATH"), untrusted.getMessage());

        env.put("MLFLOW_TRACKING_INSECURE_TLS", "true");
        MlflowSync.Report report = MlflowSync.sync(run.dir, target(env));
        assertEquals(6, report.runsCreated(), report.describe());
        String parentId = MlflowRest.id(admin.runNamed(admin.experimentId(run.experiment), run.folderName()));
        assertEquals(Files.size(run.dir.resolve("report.html")), admin.artifacts(parentId).get("report.html"));
    }
}
