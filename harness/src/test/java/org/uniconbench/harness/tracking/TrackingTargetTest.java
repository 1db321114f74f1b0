package org.uniconbench.harness.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking URIs and MLflow's credential variables, checked before anything runs. */
class TrackingTargetTest {

    private static String refused(String option, Map<String, String> env) {
        return assertThrows(BadInputException.class, () -> TrackingTarget.resolve(option, env)).getMessage();
    }

    @Test
    void aServerAddressIsKeptWithoutItsTrailingSlash() {
        assertEquals("http://127.0.0.1:5000", TrackingTarget.resolve("http://127.0.0.1:5000/", Map.of()).uri());
        assertEquals("https://mlflow.example.org/tracking",
                TrackingTarget.resolve(null, Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example.org/tracking"))
                        .uri());
        assertNull(TrackingTarget.resolve(null, Map.of()), "no option, no variable: no tracking");
        assertNull(TrackingTarget.resolve(" ", Map.of("MLFLOW_TRACKING_URI", "")));
    }

    @Test
    void hostAndPortWithoutSchemeIsRefusedWithTheAddressToWrite() {
        String m = refused("localhost:5000", Map.of());
        assertTrue(m.startsWith("--mlflow: MLflow tracking URI 'localhost:5000'"), m);
        assertTrue(m.contains("write http://localhost:5000"), m);
        String env = refused(null, Map.of("MLFLOW_TRACKING_URI", "127.0.0.1:5000"));
        assertTrue(env.startsWith("MLFLOW_TRACKING_URI: "), "names where the URI came from: " + env);
    }

    @Test
    void localFolderStoresAndDatabricksAreRefusedSayingWhatIsSupported() {
        for (String uri : new String[] {"file:///tmp/mlruns", "./mlruns", "/var/mlruns"}) {
            String m = refused(uri, Map.of());
            assertTrue(m.contains("local folder store") && m.contains("http(s)://HOST:PORT"), m);
        }
        for (String uri : new String[] {"databricks", "databricks://my-profile"}) {
            String m = refused(uri, Map.of());
            assertTrue(m.contains("Databricks") && m.contains("http(s)://HOST:PORT"), m);
        }
        String db = refused("sqlite:///mlflow.db", Map.of());
        assertTrue(db.contains("'sqlite:'") && db.contains("http(s)://HOST:PORT"), db);
        for (String uri : new String[] {"http://", "http:///path", "https://exa mple.org", "http://host:5000/?x=1"}) {
            assertTrue(refused(uri, Map.of()).contains("http(s)://HOST:PORT"), uri);
        }
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutRepeatingIt() {
        String m = refused("http://admin:hunter2-secret@127.0.0.1:5000", Map.of());
        assertFalse(m.contains("hunter2-secret"), m);
        assertTrue(m.contains("MLFLOW_TRACKING_USERNAME") && m.contains("MLFLOW_TRACKING_PASSWORD"), m);
    }

    @Test
    void credentialsComeFromMlflowsVariablesAndNeverShowTheSecret() {
        TrackingTarget basic = TrackingTarget.resolve("http://h:1", Map.of("MLFLOW_TRACKING_USERNAME", "alice",
                "MLFLOW_TRACKING_PASSWORD", "s3cret-pw", "MLFLOW_TRACKING_TOKEN", "tok-123"));
        assertEquals("Basic YWxpY2U6czNjcmV0LXB3", basic.credentials().authorization(),
                "basic auth wins over a token, as in MLflow");
        assertFalse(basic.toString().contains("s3cret-pw") || basic.toString().contains("YWxpY2U6"), basic.toString());
        assertTrue(basic.toString().contains("alice"), basic.toString());

        TrackingTarget token = TrackingTarget.resolve("http://h:1", Map.of("MLFLOW_TRACKING_TOKEN", "tok-123"));
        assertEquals("Bearer tok-123", token.credentials().authorization());
        assertFalse(token.toString().contains("tok-123"), token.toString());

        TrackingTarget none = TrackingTarget.resolve("http://h:1", Map.of());
        assertFalse(none.credentials().sendsCredentials());
        assertNull(none.credentials().authorization());
    }

    @Test
    void malformedCredentialVariablesAreBadInput(@TempDir Path tmp) throws IOException {
        String half = refused("http://h:1", Map.of("MLFLOW_TRACKING_USERNAME", "alice"));
        assertTrue(half.contains("MLFLOW_TRACKING_PASSWORD is not"), half);
        String halfPw = refused("http://h:1", Map.of("MLFLOW_TRACKING_PASSWORD", "s3cret-pw"));
        assertFalse(halfPw.contains("s3cret-pw"), halfPw);
        assertTrue(refused("http://h:1", Map.of("MLFLOW_TRACKING_INSECURE_TLS", "yes")).contains("true or false"));
        assertTrue(TrackingTarget.resolve("http://h:1", Map.of("MLFLOW_TRACKING_INSECURE_TLS", "FALSE")) != null);

        Path missing = tmp.resolve("missing.pem");
        assertTrue(refused("https://h:1", Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", missing.toString()))
                .contains("not a readable file"));
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate\n");
        String notPem = refused("https://h:1", Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", garbage.toString()));
        assertTrue(notPem.contains("PEM") && notPem.contains(garbage.toString()), notPem);
        String both = refused("https://h:1", Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", garbage.toString(),
                "MLFLOW_TRACKING_INSECURE_TLS", "true"));
        assertTrue(both.contains("only one"), both);
    }
}
