package org.uniconbench.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.uniconbench.harness.run.BadInputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Many run folders as one text table, one line per arm and seed: the run, its sweep point's values
 * (from {@value #POINT_FILE}, written by {@code unicon sweep}), and the arm's status, parameters,
 * final loss and fidelity. What {@code unicon compare} prints beside its page.
 */
public final class RunsTable {

    /** A sweep point's record in its run folder: the sweep file, the point's index and axis values. */
    public static final String POINT_FILE = "sweep-point.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunsTable() {
    }

    /**
     * Prints the table.
     *
     * @param runDirs run folders
     * @param out where
     * @throws BadInputException when a folder has no summary.json
     */
    public static void print(List<Path> runDirs, PrintWriter out) {
        out.printf(Locale.ROOT, "%-36s %-40s %-14s %5s %-9s %10s %9s %7s %7s %7s%n", "run", "point", "arm", "seed",
                "status", "trainable", "loss", "SSIM", "PSNR", "edgeF1");
        for (Path dir : runDirs) {
            Path summary = dir.resolve("summary.json");
            if (!Files.isRegularFile(summary)) {
                throw new BadInputException(dir + " is not a run folder (no summary.json)");
            }
            try {
                JsonNode root = JSON.readTree(summary.toFile());
                String point = "-";
                Path pointFile = dir.resolve(POINT_FILE);
                if (Files.isRegularFile(pointFile)) {
                    JsonNode values = JSON.readTree(pointFile.toFile()).get("values");
                    StringBuilder p = new StringBuilder();
                    values.fields().forEachRemaining(f -> p.append(p.length() == 0 ? "" : ", ").append(f.getKey())
                            .append('=').append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
                    point = p.toString();
                }
                for (JsonNode row : root.get("arms")) {
                    if ("backbone".equals(row.path("name").asText())) {
                        continue;
                    }
                    out.printf(Locale.ROOT, "%-36s %-40s %-14s %5s %-9s %10s %9s %7s %7s %7s%n",
                            dir.getFileName(), point, row.path("name").asText(), row.path("seed").asText(),
                            row.path("status").asText(), number(row, "trainableParams", "%,.0f"),
                            number(row, "finalLoss", "%.4f"), number(row, "ssim", "%.3f"), number(row, "psnr", "%.2f"),
                            number(row, "edgeF1", "%.3f"));
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read " + summary + ": " + e.getMessage());
            }
        }
        out.flush();
    }

    private static String number(JsonNode row, String field, String format) {
        JsonNode v = row.get(field);
        return v == null || !v.isNumber() ? "-" : String.format(Locale.ROOT, format, v.asDouble());
    }
}
