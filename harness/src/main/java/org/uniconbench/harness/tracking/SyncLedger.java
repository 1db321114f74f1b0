package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.uniconbench.files.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RUN_DIR/mlflow.json}: the server, experiment and run ids of the last sync. A record and a
 * fallback for finding runs again, never trusted alone (see {@link MlflowSync}); it holds no
 * credentials.
 */
final class SyncLedger {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SyncLedger() {
    }

    /** The ids the file holds for this server and experiment: {@code parent} and each child's name. */
    static Map<String, String> read(Path runDir, String uri, String experimentId, List<String> warnings) {
        Map<String, String> ids = new LinkedHashMap<>();
        Path file = runDir.resolve(MlflowSync.LEDGER);
        if (!Files.isRegularFile(file)) {
            return ids;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (uri.equals(node.path("trackingUri").asText())
                    && experimentId.equals(node.path("experimentId").asText())) {
                if (node.hasNonNull("parentRunId")) {
                    ids.put("parent", node.get("parentRunId").asText());
                }
                node.path("childRunIds").fields().forEachRemaining(f -> ids.put(f.getKey(), f.getValue().asText()));
            }
        } catch (IOException e) {
            warnings.add(file + " is unreadable (" + e.getMessage() + "); found the runs by their tags");
        }
        return ids;
    }

    /** Replaces the file atomically; a failure becomes a warning (the server holds the runs anyway). */
    static void write(Path runDir, String uri, String experiment, String experimentId, String parentId,
            Map<String, String> childIds, List<String> warnings) {
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("trackingUri", uri);
        ledger.put("experiment", experiment);
        ledger.put("experimentId", experimentId);
        ledger.put("parentRunId", parentId);
        ledger.put("childRunIds", childIds);
        ledger.put("syncedAt", Instant.now().toString());
        Path file = runDir.resolve(MlflowSync.LEDGER);
        try {
            AtomicFile.writeString(file, JSON.writeValueAsString(ledger) + "\n");
        } catch (IOException e) {
            warnings.add("cannot write " + file + ": " + e.getMessage());
        }
    }
}
