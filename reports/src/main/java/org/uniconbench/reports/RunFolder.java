package org.uniconbench.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of a run folder written by the harness.
 *
 * <p>Layout:
 *
 * <pre>
 * RUN_DIR/
 *   summary.json                  required: {@link RunSummary}
 *   provenance.json               optional: flat object of strings
 *   experiment.yaml               optional: the resolved experiment, verbatim
 *   arms/NAME/metrics.jsonl       optional: {"step":10,"loss":0.12,"stepMs":51.2} per line
 *                                 (plus "seed" when the experiment has several seeds)
 *   samples/index.json            optional: {@link SampleIndex}
 *   samples/COLUMN/000.png ...    optional: one grayscale PNG per sample and column
 * </pre>
 *
 * <p>{@link #open(Path)} reads {@code summary.json} eagerly and fails with a
 * {@link ReportException} when it is missing or invalid. Optional files are read on demand: a
 * missing optional file gives an empty result, an invalid one a {@link ReportException} naming
 * the file.
 */
public final class RunFolder {
    /**
     * Summary file name (the one required file). The only place the name is spelled besides its
     * writer, {@code RunStore}: every other class reads the summary through {@link #open}.
     */
    public static final String SUMMARY = "summary.json";
    /** Provenance file name. */
    public static final String PROVENANCE = "provenance.json";
    /** Resolved experiment file name. */
    public static final String EXPERIMENT = "experiment.yaml";
    /** Folder holding one sub-folder per arm. */
    public static final String ARMS = "arms";
    /** Per-arm metrics file name. */
    public static final String METRICS = "metrics.jsonl";
    /** Folder holding sample images. */
    public static final String SAMPLES = "samples";
    /** Sample index file name inside {@link #SAMPLES}. */
    public static final String SAMPLE_INDEX = "index.json";

    // NaN/Infinity tokens are accepted: a diverged loss is worth showing, not worth crashing on.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private final Path dir;
    private final RunSummary summary;
    private final List<Map<String, Object>> armFields;
    private final JsonNode estimate;
    private final Map<String, Object> realVsRealFields;

    private RunFolder(Path dir, RunSummary summary, List<Map<String, Object>> armFields, JsonNode estimate,
            Map<String, Object> realVsRealFields) {
        this.dir = dir;
        this.summary = summary;
        this.armFields = armFields;
        this.estimate = estimate;
        this.realVsRealFields = realVsRealFields;
    }

    /** Returns the path of a folder's summary, whether or not it exists. */
    public static Path summaryFile(Path runDir) {
        return runDir.resolve(SUMMARY);
    }

    /** Returns true when the folder has a summary (a run that got as far as its first one). */
    public static boolean hasSummary(Path runDir) {
        return Files.isRegularFile(summaryFile(runDir));
    }

    /**
     * Opens a run folder and reads its {@code summary.json}.
     *
     * @throws ReportException if {@code runDir} is not a folder, or its summary.json is missing or
     *     invalid
     */
    public static RunFolder open(Path runDir) {
        Path dir = runDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ReportException(
                    dir + " is not a folder: pass the run folder the harness printed (under runs/)");
        }
        Path file = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new ReportException(
                    file + " not found: is this a run folder? run `unicon run EXPERIMENT.yaml` first");
        }
        JsonNode root = readJson(file);
        RunSummary summary = SummaryParser.parseSummary(root, file); // checks the rows before they are read untyped
        JsonNode floor = root.path("realVsReal");
        return new RunFolder(dir, summary, ArmFields.of(root.get("arms")), root.path("estimate"),
                floor.isObject() ? ArmFields.row(floor) : Map.of());
    }

    /** Returns the run folder's absolute path. */
    public Path dir() {
        return dir;
    }

    /** Returns the parsed {@code summary.json}. */
    public RunSummary summary() {
        return summary;
    }

    /**
     * Returns every field of every arm row as written (one map per row, in file order), for tables
     * whose columns follow the rows' fields; see {@link ArmFields}.
     */
    public List<Map<String, Object>> armFields() {
        return armFields;
    }

    /**
     * Returns every field of the real-vs-real baseline as written (file order, values as in
     * {@link #armFields()}); empty when the run has none.
     */
    public Map<String, Object> realVsRealFields() {
        return realVsRealFields;
    }

    /**
     * Returns summary.json's {@code estimate} block as written (the cost model's prediction per arm,
     * read by the report's predicted-cost section and the compare page's scaling figure); a missing
     * node when the run has none.
     */
    public JsonNode estimate() {
        return estimate;
    }

    /**
     * Returns {@code provenance.json} as an ordered map (file order); non-string values are
     * rendered as their JSON text. Empty when the file is missing.
     *
     * @throws ReportException if the file exists but is not a JSON object
     */
    public Map<String, String> provenance() {
        Path file = dir.resolve(PROVENANCE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root = readJson(file);
        if (!root.isObject()) {
            throw new ReportException(
                    file + " must be a JSON object of strings, found " + JsonFields.kind(root)
                            + ": re-run the experiment");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns {@code experiment.yaml} verbatim, or empty when the file is missing.
     *
     * @throws ReportException if the file exists but cannot be read
     */
    public Optional<String> experimentYaml() {
        Path file = dir.resolve(EXPERIMENT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReportException(file + " could not be read as UTF-8 text: " + e.getMessage(), e);
        }
    }

    /** Returns the path of an arm's {@code metrics.jsonl}, whether or not it exists. */
    public Path metricsPath(String arm) {
        return dir.resolve(ARMS).resolve(checkName("arm name", arm)).resolve(METRICS);
    }

    /**
     * Returns the training loss of one arm, in file order, as (step, loss) pairs.
     *
     * <p>Lines without a finite loss (null, NaN) are skipped, as is a truncated last line (a run
     * killed while writing). Empty when the file is missing, e.g. for the backbone row.
     *
     * @throws ReportException if a line other than the last is not a JSON object with a numeric
     *     {@code step}
     */
    public List<LossPoint> lossSeries(String arm) {
        List<LossPoint> out = new ArrayList<>();
        for (JsonLinesFile.Line line : JsonLinesFile.read(metricsPath(arm), JSON, "{\"step\":N,\"loss\":X}")) {
            JsonNode row = line.node();
            String where = line.where();
            if (row == null || !row.isObject()) {
                throw new ReportException(where + " must be a JSON object like {\"step\":10,\"loss\":0.12}");
            }
            Long step = JsonFields.asLong(row.get("step"), where + " step");
            Double loss = JsonFields.asDouble(row.get("loss"), where + " loss");
            Long seed = JsonFields.asLong(row.get("seed"), where + " seed");
            if (step == null) {
                throw new ReportException(where + " has no \"step\": each line needs the step it was logged at");
            }
            if (loss != null && Double.isFinite(loss)) {
                out.add(new LossPoint(step, loss, seed));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns {@code samples/index.json}, or empty when the run saved no samples.
     *
     * @throws ReportException if the file exists but is invalid
     */
    public Optional<SampleIndex> sampleIndex() {
        Path file = dir.resolve(SAMPLES).resolve(SAMPLE_INDEX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = readJson(file);
        String where = file.toString();
        if (!root.isObject()) {
            throw new ReportException(where + " must be an object like {\"count\":8,\"columns\":[...]}");
        }
        Long count = JsonFields.asLong(root.get("count"), where + " count");
        if (count == null || count < 0 || count > Integer.MAX_VALUE) {
            throw new ReportException(where + ": count must be a non-negative integer, found " + root.get("count"));
        }
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isArray()) {
            throw new ReportException(
                    where + ": columns must be an array of column names, found " + JsonFields.kind(cols));
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            JsonNode c = cols.get(i);
            if (!c.isTextual()) {
                throw new ReportException(where + ": columns[" + i + "] must be a string, found " + c);
            }
            columns.add(checkName(where + ": columns[" + i + "]", c.asText()));
        }
        return Optional.of(new SampleIndex(count.intValue(), columns));
    }

    /** Returns the path of sample {@code index} of {@code column}, whether or not it exists. */
    public Path samplePath(String column, int index) {
        return dir.resolve(SAMPLES)
                .resolve(checkName("sample column", column))
                .resolve(String.format(Locale.ROOT, "%03d.png", index));
    }

    // ---------------------------------------------------------------- parsing

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new ReportException(
                        file + " is empty: the run may have been interrupted while writing it; re-run the experiment");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String pos = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ReportException(
                    file + " is not valid JSON" + pos + " (" + e.getOriginalMessage()
                            + "): the run may have been interrupted while writing it; re-run the experiment",
                    e);
        } catch (IOException e) {
            throw new ReportException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Arm and column names become folder names: refuse anything that could leave the run folder. */
    private static String checkName(String what, String name) {
        if (name == null
                || name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            throw new ReportException(
                    what + " must be a plain folder name (no '/', '\\', '.' or '..'), found \"" + name + "\"");
        }
        return name;
    }
}
