package org.uniconbench.harness.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Png;
import org.uniconbench.files.AtomicFile;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.RunSummary;
import org.uniconbench.reports.table.CsvText;
import org.uniconbench.reports.table.RowTable;
import org.uniconbench.harness.BadInputException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run folder, the source of truth for everything a run measured.
 *
 * <pre>
 * RUN_DIR/experiment.yaml            resolved experiment
 * RUN_DIR/provenance.json            versions, commit, machine, device, times
 * RUN_DIR/backbone.json              the backbone stage (checkpoint, cached or pre-trained)
 * RUN_DIR/features.json              quality-proxy extractors (classifier cache key, test accuracy), real-vs-real floor
 * RUN_DIR/arms/ARM/metrics.jsonl     one JSON object per training step, every seed (merged from the seeds' folders)
 * RUN_DIR/arms/ARM/curve.jsonl       with evaluation.curve: the control metric every K steps, every seed (merged)
 * RUN_DIR/arms/ARM/seed-S/           one arm and seed, written by its own process: metrics.jsonl, curve.jsonl,
 *                                    checkpoint-NNNNNN/ while it trains, samples/, console.log, row.json when done
 * RUN_DIR/samples/COLUMN/000.png     condition, target, backbone and each arm, same noise
 * RUN_DIR/samples/index.json         sample count and columns
 * RUN_DIR/summary.json, summary.csv  one row per arm and seed
 * RUN_DIR/report.html                the report
 * </pre>
 * Files are written whole through a temporary file and a rename, except the JSON-lines logs,
 * which are appended and flushed line by line.
 */
public final class RunStore {

    /** Shared JSON writer. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private RunStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a new run folder {@code OUTPUT/NAME-yyyyMMdd-HHmmss} (with a suffix if it exists).
     *
     * @param output the experiment's output folder
     * @param name the experiment name
     * @return the store
     */
    public static RunStore create(Path output, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        try {
            Files.createDirectories(output);
            Path dir = output.resolve(name + "-" + stamp);
            for (int i = 2; Files.exists(dir); i++) {
                dir = output.resolve(name + "-" + stamp + "-" + i);
            }
            Files.createDirectory(dir);
            return new RunStore(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot create a run folder under " + output.toAbsolutePath()
                    + ": " + e.getMessage() + "; set output: to a writable folder");
        }
    }

    /**
     * Opens an existing run folder (to resume or reproduce it).
     *
     * @param dir the run folder
     * @return the store
     * @throws BadInputException when {@code dir} is not a run folder (no {@code experiment.yaml})
     */
    public static RunStore open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(
                    dir + ": no such folder; give a run folder, e.g. runs/quickstart-20261125-181611 "
                            + "(unicon runs lists them)");
        }
        if (!Files.isRegularFile(dir.resolve("experiment.yaml"))) {
            throw new BadInputException(dir + " is not a run folder (it has no experiment.yaml); give a folder "
                    + "that unicon run made (unicon runs lists them)");
        }
        return new RunStore(dir);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Writes a text file atomically. */
    public void writeText(String relative, String content) {
        Path file = dir.resolve(relative);
        try {
            AtomicFile.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes an object as indented JSON, atomically. */
    public void writeJson(String relative, Object value) {
        try {
            writeText(relative, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an append-only JSON-lines log. */
    public JsonLines lines(String relative) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return new JsonLines(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Writes sample {@code index} of {@code column} as an 8-bit PNG of [0, 1]. */
    public void writeSample(String column, int index, GrayImage image) {
        writePng("samples/" + column + "/" + String.format(Locale.ROOT, "%03d.png", index), image);
    }

    /** Writes an image as an 8-bit PNG of [0, 1]. */
    public void writePng(String relative, GrayImage image) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Png.write(image, file, 0f, 1f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes {@code summary.json} and {@code summary.csv}.
     *
     * @param header experiment name, description and status
     * @param rows one map per arm and seed, same keys in the same order
     */
    public void writeSummary(Map<String, Object> header, List<Map<String, Object>> rows) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("schemaVersion", RunSummary.SCHEMA_VERSION); // the run-folder format (RunSummary says what each means)
        summary.putAll(header);
        summary.put("arms", rows);
        writeJson(RunFolder.SUMMARY, summary); // read back only through reports.RunFolder.open
        // one line per arm and seed; columns follow the rows' fields (reports.table.RowTable says the order)
        writeText("summary.csv", CsvText.of(RowTable.of("summary", rows)));
    }

    /**
     * Reads the record a stage of an arm wrote when it finished ({@code distill.json},
     * {@code lrsearch.json}), which a resumed arm takes instead of running the stage again.
     *
     * @param result the record's path
     * @return its JSON
     * @throws IllegalStateException when it is missing although the arm has a checkpoint after the stage
     */
    public static JsonNode readStageRecord(Path result) {
        if (!Files.exists(result)) {
            throw new IllegalStateException(result + " is missing although the arm has a checkpoint; the arm's "
                    + "folder is damaged: delete it to run the arm from the start");
        }
        try {
            return JSON.readTree(result.toFile());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + result, ex);
        }
    }

    /** An append-only JSON-lines file, flushed after every line. */
    public static final class JsonLines implements Closeable {
        private static final ObjectMapper LINE = new ObjectMapper(); // compact: one object per line
        private final BufferedWriter writer;

        private JsonLines(BufferedWriter writer) {
            this.writer = writer;
        }

        /** Appends one object as one line. */
        public void append(Map<String, Object> record) {
            try {
                writer.write(LINE.writeValueAsString(record));
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
