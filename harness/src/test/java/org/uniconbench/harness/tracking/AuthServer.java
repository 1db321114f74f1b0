package org.uniconbench.harness.tracking;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The basic-auth MLflow server that {@code scripts/mlflow-server --basic-auth} starts (HTTPS with a
 * self-signed certificate), as its {@code MLFLOW_AUTH_*} exports describe it.
 */
final class AuthServer {

    final String uri;
    final String user;
    final String password;
    final Path certificate;

    private AuthServer(String uri, String user, String password, Path certificate) {
        this.uri = uri;
        this.user = user;
        this.password = password;
        this.certificate = certificate;
    }

    /** The server of this test run; fails (never skips) when none was started. */
    static AuthServer get() {
        Map<String, String> env = System.getenv();
        for (String name : new String[] {"MLFLOW_AUTH_TRACKING_URI", "MLFLOW_AUTH_USERNAME", "MLFLOW_AUTH_PASSWORD",
            "MLFLOW_AUTH_SERVER_CERT"}) {
            if (env.get(name) == null || env.get(name).isBlank()) {
                fail(name + " is not set: these tests need a real MLflow server behind basic auth. Run ./scripts/test, "
                        + "which starts one, or start one yourself: eval \"$(scripts/mlflow-server --basic-auth)\" before mvn");
            }
        }
        return new AuthServer(env.get("MLFLOW_AUTH_TRACKING_URI"), env.get("MLFLOW_AUTH_USERNAME"),
                env.get("MLFLOW_AUTH_PASSWORD"), Path.of(env.get("MLFLOW_AUTH_SERVER_CERT")));
    }

    /** MLflow's variables for this server: its URI and CA bundle, plus the given user and password (or none). */
    Map<String, String> environment(String user, String password) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLFLOW_TRACKING_URI", uri);
        env.put("MLFLOW_TRACKING_SERVER_CERT_PATH", certificate.toString());
        if (user != null) {
            env.put("MLFLOW_TRACKING_USERNAME", user);
            env.put("MLFLOW_TRACKING_PASSWORD", password);
        }
        return env;
    }

    /** The server's REST API as its admin, for reading back what arrived. */
    MlflowRest admin() {
        return MlflowRest.basicAuth(uri, user, password, certificate);
    }
}
