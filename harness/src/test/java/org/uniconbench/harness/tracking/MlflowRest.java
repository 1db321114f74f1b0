package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads a tracking server back through its REST API only (not the Java client under test), so that
 * the tests check what arrived on the server, not what the client believes it sent.
 */
final class MlflowRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String uri;
    private final HttpClient http;
    private final String authorization;

    MlflowRest(String uri) {
        this(uri, null, HttpClient.newHttpClient());
    }

    private MlflowRest(String uri, String authorization, HttpClient http) {
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.authorization = authorization;
        this.http = http;
    }

    /**
     * Reads a server behind basic auth over HTTPS: its own basic-auth header and a trust store of
     * the server's certificate, built here rather than by the code under test.
     */
    static MlflowRest basicAuth(String uri, String user, String password, Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            String header = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new MlflowRest(uri, header, HttpClient.newBuilder().sslContext(tls).build());
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read the server certificate " + certificate, e);
        }
    }

    /** Creates a user on a basic-auth server (this client must be the admin's). */
    void createUser(String user, String password) {
        post("/api/2.0/mlflow/users/create", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    /** The experiment's id, or null when the server has none of that name. */
    String experimentId(String name) {
        JsonNode answer = get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + q(name), true);
        return answer == null ? null : answer.path("experiment").path("experiment_id").asText();
    }

    /** Every active run of an experiment, as the server's JSON. */
    List<JsonNode> runs(String experimentId) {
        List<JsonNode> runs = new ArrayList<>();
        String token = null;
        do {
            String body = "{\"experiment_ids\":[\"" + experimentId + "\"],\"max_results\":1000"
                    + (token == null ? "" : ",\"page_token\":\"" + token + "\"") + "}";
            JsonNode answer = post("/api/2.0/mlflow/runs/search", body);
            answer.path("runs").forEach(runs::add);
            token = answer.hasNonNull("next_page_token") ? answer.get("next_page_token").asText() : null;
        } while (token != null && !token.isEmpty());
        return runs;
    }

    /** One run, by the name MLflow shows. */
    JsonNode runNamed(String experimentId, String name) {
        List<JsonNode> found = runs(experimentId).stream()
                .filter(r -> name.equals(r.path("info").path("run_name").asText())).toList();
        if (found.size() != 1) {
            fail("expected one run named '" + name + "', found " + found.size());
        }
        return found.get(0);
    }

    static Map<String, String> params(JsonNode run) {
        return keyValues(run.path("data").path("params"));
    }

    static Map<String, String> tags(JsonNode run) {
        return keyValues(run.path("data").path("tags"));
    }

    static String id(JsonNode run) {
        return run.path("info").path("run_id").asText();
    }

    /** The full history of a metric, in the server's order, as (step, value) pairs sorted by step. */
    List<double[]> history(String runId, String key) {
        JsonNode answer = get("/api/2.0/mlflow/metrics/get-history?run_id=" + q(runId) + "&metric_key=" + q(key),
                false);
        List<double[]> points = new ArrayList<>();
        for (JsonNode m : answer.path("metrics")) {
            points.add(new double[] {m.path("step").asLong(), m.path("value").asDouble()});
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return points;
    }

    /** Every artifact file of a run, recursively, with its size. */
    Map<String, Long> artifacts(String runId) {
        Map<String, Long> files = new LinkedHashMap<>();
        listInto(runId, null, files);
        return files;
    }

    private void listInto(String runId, String path, Map<String, Long> out) {
        JsonNode answer = get(
                "/api/2.0/mlflow/artifacts/list?run_id=" + q(runId) + (path == null ? "" : "&path=" + q(path)), false);
        for (JsonNode f : answer.path("files")) {
            if (f.path("is_dir").asBoolean()) {
                listInto(runId, f.path("path").asText(), out);
            } else {
                out.put(f.path("path").asText(), f.path("file_size").asLong());
            }
        }
    }

    /** An artifact's bytes, through {@code GET /get-artifact}. */
    byte[] artifact(String runId, String path) {
        HttpRequest request = builder(uri + "/get-artifact?run_uuid=" + q(runId) + "&path=" + q(path)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                fail("GET artifact " + path + " of " + runId + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot reach " + uri, e);
        }
    }

    private JsonNode get(String path, boolean nullIfMissing) {
        return send(builder(uri + path).GET().build(), nullIfMissing);
    }

    private JsonNode post(String path, String body) {
        return send(builder(uri + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), false);
    }

    private HttpRequest.Builder builder(String address) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest request, boolean nullIfMissing) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (nullIfMissing && response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                fail(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot reach " + uri, e);
        }
    }

    private static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> map = new LinkedHashMap<>();
        list.forEach(kv -> map.put(kv.path("key").asText(), kv.path("value").asText()));
        return map;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
