package org.uniconbench.harness.tracking;

import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The small value conversions of a sync: row fields as text, run names and states, batching, times. */
final class SyncValues {

    private SyncValues() {
    }

    /** A row's seed, 0 when not recorded. */
    static long seed(Map<String, Object> row) {
        return row.get("seed") instanceof Number n ? n.longValue() : 0;
    }

    /** A row's field as text, "" when absent or null (as a JSON node's {@code asText} gave). */
    static String text(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** The child run's name, also its key in {@code mlflow.json}. */
    static String childName(String arm, String seed) {
        return arm + " seed " + seed;
    }

    /** Summary status to MLflow run status: completed and partial finish, failed fails, else running. */
    static RunStatus status(String status) {
        switch (status) {
            case "completed" :
            case "partial" :
                return RunStatus.FINISHED;
            case "failed" :
                return RunStatus.FAILED;
            default :
                return RunStatus.RUNNING;
        }
    }

    static Metric metric(String key, double value, long step, long timestamp) {
        return Metric.newBuilder().setKey(key).setValue(value).setStep(step).setTimestamp(timestamp).build();
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    static String quote(String value) {
        return value.contains("'") ? "\"" + value + "\"" : "'" + value + "'";
    }

    static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static long millis(String instant) {
        if (instant != null) {
            try {
                return Instant.parse(instant).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through: a hand-edited provenance should not stop a sync
            }
        }
        return System.currentTimeMillis();
    }
}
