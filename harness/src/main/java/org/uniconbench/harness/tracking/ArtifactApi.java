package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tracking server's HTTP endpoints that the Java client does not cover without Python: the
 * health check, artifact listing ({@code /api/2.0/mlflow/artifacts/list}) and upload through the
 * proxied artifact API ({@code PUT /api/2.0/mlflow-artifacts/artifacts/...}). The client's
 * {@code logArtifact} shells out to a Python {@code mlflow}, which a Java harness should not need.
 * Requests carry the target's credentials and verify TLS as they say, like the MLflow client's.
 */
final class ArtifactApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROXY_SCHEME = "mlflow-artifacts";

    private final TrackingTarget target;
    private final String uri;
    private final HttpClient http;

    /** Talks to one server with its credentials. */
    ArtifactApi(TrackingTarget target) {
        this.target = target;
        this.uri = target.uri();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(target.credentials().sslContext()).build();
    }

    /**
     * Asks {@code GET /health}.
     *
     * @throws TrackingUnavailableException when the server does not answer OK
     */
    void checkHealth() {
        HttpRequest request = request(uri + "/health").timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new TrackingAuthException(target, response.statusCode(), "answer GET /health", null);
        }
        if (response.statusCode() != 200) {
            throw new TrackingUnavailableException(uri, new IOException("GET /health answered HTTP "
                    + response.statusCode() + " " + abbreviate(response.body())));
        }
    }

    /**
     * Every file already stored for a run, recursively, with its size.
     *
     * @return artifact path ({@code /} separated) to size in bytes
     */
    Map<String, Long> listFiles(String runId) {
        Map<String, Long> files = new LinkedHashMap<>();
        list(runId, null, files);
        return files;
    }

    private void list(String runId, String path, Map<String, Long> out) {
        String query = "run_id=" + query(runId) + (path == null ? "" : "&path=" + query(path));
        HttpRequest request = request(uri + "/api/2.0/mlflow/artifacts/list?" + query)
                .timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        check(response, "list the artifacts of run " + runId);
        JsonNode files;
        try {
            files = JSON.readTree(response.body()).path("files");
        } catch (IOException e) {
            throw new TrackingException("MLflow server " + uri + " answered an artifact listing that is not JSON: "
                    + abbreviate(response.body()), e);
        }
        for (JsonNode f : files) {
            String p = f.path("path").asText();
            if (f.path("is_dir").asBoolean(false)) {
                list(runId, p, out);
            } else {
                out.put(p, f.path("file_size").asLong(-1));
            }
        }
    }

    /**
     * Uploads one file to a run.
     *
     * @param artifactUri the run's artifact root, {@code mlflow-artifacts:/EXPERIMENT/RUN/artifacts}
     * @param path the artifact path, {@code /} separated
     * @param file the local file
     */
    void upload(String runId, String artifactUri, String path, Path file) {
        URI root = URI.create(artifactUri);
        if (!PROXY_SCHEME.equals(root.getScheme())) {
            throw new TrackingException("MLflow server " + uri + " keeps the artifacts of run " + runId + " at "
                    + artifactUri + ", which it does not serve; start the server with artifact serving "
                    + "(`mlflow server --artifacts-destination DIR`, the default in MLflow 2.x) and use an "
                    + "experiment created by that server", null);
        }
        String destination = uri + "/api/2.0/mlflow-artifacts/artifacts" + encodePath(root.getPath()) + "/"
                + encodePath(path);
        String what = "upload " + path + " to run " + runId;
        HttpResponse<String> response;
        try {
            response = send(put(destination, HttpRequest.BodyPublishers.ofFile(file)),
                    HttpResponse.BodyHandlers.ofString());
        } catch (TrackingUnavailableException lost) {
            // A server that refuses an upload (HTTP 401 or 403) answers before it reads the body and
            // closes the connection, so the client sees a reset instead of the answer (measured with
            // MLflow's basic-auth app behind gunicorn). An empty PUT to the same path is read whole: a
            // refusal comes back as such; else the upload is tried once more (replacing the empty file).
            check(send(put(destination, HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString()),
                    what);
            try {
                response = send(put(destination, HttpRequest.BodyPublishers.ofFile(file)),
                        HttpResponse.BodyHandlers.ofString());
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        check(response, what);
    }

    private HttpRequest put(String destination, HttpRequest.BodyPublisher body) {
        return request(destination).timeout(Duration.ofMinutes(5)).header("Content-Type", "application/octet-stream")
                .PUT(body).build();
    }

    /** A request with the credentials' {@code Authorization} header, when there is one. */
    private HttpRequest.Builder request(String address) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(address));
        String authorization = target.credentials().authorization();
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new TrackingUnavailableException(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingUnavailableException(uri, e);
        }
    }

    private void check(HttpResponse<String> response, String what) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new TrackingAuthException(target, response.statusCode(), what, null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new TrackingException("MLflow server " + uri + " refused to " + what + ": HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()), null);
        }
    }

    /** Percent-encodes each segment of a {@code /} separated path, keeping the slashes. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
