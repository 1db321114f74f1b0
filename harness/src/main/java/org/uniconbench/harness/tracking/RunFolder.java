package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a sync reads from a run folder (see {@code RunStore} for the layout): the summary rows, the
 * provenance, the resolved experiment flattened into params, and the per-step metric lines.
 */
final class RunFolder {

    /** Per-step fields of {@code arms/ARM/metrics.jsonl} logged as metric histories. */
    static final List<String> STEP_KEYS = List.of("loss", "stepMs", "forwardMs", "backwardMs", "optimizerMs");
    /** Files uploaded to the parent run when present, besides {@code samples/**}. */
    static final List<String> PARENT_FILES = List.of("report.html", "summary.csv",
            org.uniconbench.reports.RunFolder.SUMMARY, "experiment.yaml", "provenance.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    final Path dir;
    final String name;
    final String experiment;
    final String status;
    /** The summary's rows as the run-folder model reads them ({@link org.uniconbench.reports.RunFolder#armFields}). */
    final List<Map<String, Object>> rows;
    final Map<String, String> provenance;
    private final JsonNode resolved;

    private RunFolder(Path dir, RunSummary summary, List<Map<String, Object>> rows, Map<String, String> provenance,
            JsonNode resolved) {
        this.dir = dir;
        this.name = dir.toAbsolutePath().normalize().getFileName().toString();
        this.experiment = summary.experiment() == null ? name : summary.experiment();
        this.status = summary.status() == null ? "running" : summary.status();
        this.rows = rows;
        this.provenance = provenance;
        this.resolved = resolved;
    }

    /**
     * Reads a run folder: the summary through the run-folder model, the provenance and the resolved experiment.
     *
     * @throws BadInputException when the folder has no summary, or an unreadable one
     */
    static RunFolder read(Path dir) {
        if (!org.uniconbench.reports.RunFolder.hasSummary(dir)) {
            throw new BadInputException(dir + " is not a run folder (no " + org.uniconbench.reports.RunFolder.SUMMARY
                    + "); pass a folder that `unicon run` created, e.g. runs/quickstart-20261125-181611");
        }
        try {
            org.uniconbench.reports.RunFolder run = org.uniconbench.reports.RunFolder.open(dir);
            Map<String, String> provenance = new LinkedHashMap<>();
            Path p = dir.resolve(org.uniconbench.reports.RunFolder.PROVENANCE);
            if (Files.isRegularFile(p)) {
                JSON.readTree(p.toFile()).fields()
                        .forEachRemaining(f -> provenance.put(f.getKey(), f.getValue().asText()));
            }
            Path y = dir.resolve(org.uniconbench.reports.RunFolder.EXPERIMENT);
            JsonNode resolved = Files.isRegularFile(y) ? YAML.readTree(y.toFile()) : MissingNode.getInstance();
            return new RunFolder(dir, run.summary(), run.armFields(), provenance, resolved);
        } catch (ReportException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read run folder " + dir + ": " + e.getMessage());
        }
    }

    /** Every key of the resolved experiment but {@code arms}, nested keys joined with dots. */
    Map<String, String> sharedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resolved.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("arms")) {
                flatten(field.getKey(), field.getValue(), params);
            }
        }
        return params;
    }

    /** The arm's own entry of {@code arms}, prefixed {@code arm.}; empty for the backbone row. */
    Map<String, String> armParams(String arm) {
        Map<String, String> params = new LinkedHashMap<>();
        for (JsonNode entry : resolved.path("arms")) {
            if (arm.equals(entry.path("name").asText(null))) {
                flatten("arm", entry, params);
            }
        }
        return params;
    }

    /** The first seed of the experiment: metric lines without a {@code seed} field belong to it. */
    long firstSeed() {
        JsonNode seeds = resolved.path("seeds");
        if (seeds.isArray() && !seeds.isEmpty()) {
            return seeds.get(0).asLong();
        }
        return rows.isEmpty() || !(rows.get(0).get("seed") instanceof Number n) ? 0 : n.longValue();
    }

    /** {@code arms/ARM/metrics.jsonl}, which may not exist (the backbone row, an arm that failed early). */
    Path metricsFile(String arm) {
        return dir.resolve("arms").resolve(arm).resolve("metrics.jsonl");
    }

    /** The metric lines of one arm and seed, in file order; a line cut short by a crash is skipped. */
    List<JsonNode> stepLines(String arm, long seed) {
        Path file = metricsFile(arm);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        long first = firstSeed();
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String text : (Iterable<String>) stream::iterator) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException e) {
                    continue; // the last line of a killed run; the next sync sees it whole
                }
                long lineSeed = line.has("seed") ? line.get("seed").asLong() : first;
                if (lineSeed == seed && line.has("step")) {
                    lines.add(line);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        return lines;
    }

    /** Files of the run folder to upload to the parent run, by artifact path ({@code /} separated). */
    Map<String, Path> parentArtifacts() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String f : PARENT_FILES) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p)) {
                files.put(f, p);
            }
        }
        Path samples = dir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> walk = Files.walk(samples)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> {
                    StringBuilder path = new StringBuilder();
                    for (Path part : dir.relativize(p)) {
                        path.append(path.length() == 0 ? "" : "/").append(part);
                    }
                    files.put(path.toString(), p);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + samples, e);
            }
        }
        return files;
    }

    /** A JSON number, or the strings Jackson writes for non-finite doubles; null otherwise. */
    static Double number(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "NaN" :
                    return Double.NaN;
                case "Infinity" :
                    return Double.POSITIVE_INFINITY;
                case "-Infinity" :
                    return Double.NEGATIVE_INFINITY;
                default :
                    return null;
            }
        }
        return null;
    }

    /** Nested maps become dotted keys; lists and scalars become one string each. */
    static void flatten(String key, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(key + "." + f.getKey(), f.getValue(), out));
        } else {
            out.put(key, text(node));
        }
    }

    /**
     * A row field as a param: a list (which the model keeps as its compact JSON text) as {@code [a, b]}, like
     * {@link #text(JsonNode)}; anything else as its text.
     */
    static String text(Object value) {
        if (value instanceof String list && list.startsWith("[")) {
            try {
                return text(JSON.readTree(list));
            } catch (IOException e) {
                return list; // a string that only looks like a list
            }
        }
        return String.valueOf(value);
    }

    /** A scalar as YAML shows it ({@code null} for null); a list of scalars as {@code [a, b]}. */
    static String text(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    return node.toString(); // nested structure: compact JSON says it without ambiguity
                }
                items.add(text(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }
}
