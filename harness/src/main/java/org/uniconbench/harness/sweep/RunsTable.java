package org.uniconbench.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.uniconbench.harness.run.BadInputException;
import org.uniconbench.reports.ArmResult;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;

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
     * @throws BadInputException when a folder has no summary, or an unreadable one
     */
    public static void print(List<Path> runDirs, PrintWriter out) {
        out.printf(Locale.ROOT, "%-36s %-40s %-14s %5s %-9s %10s %9s %7s %7s %7s%n", "run", "point", "arm", "seed",
                "status", "trainable", "loss", "SSIM", "PSNR", "edgeF1");
        for (Path dir : runDirs) {
            if (!RunFolder.hasSummary(dir)) {
                throw new BadInputException(dir + " is not a run folder (no " + RunFolder.SUMMARY + ")");
            }
            RunFolder run;
            try {
                run = RunFolder.open(dir);
            } catch (ReportException e) {
                throw new BadInputException(e.getMessage());
            }
            String point = point(dir);
            for (ArmResult row : run.summary().arms()) {
                if (row.isBackbone()) {
                    continue;
                }
                out.printf(Locale.ROOT, "%-36s %-40s %-14s %5s %-9s %10s %9s %7s %7s %7s%n",
                        dir.getFileName(), point, row.name(), row.seed() == null ? "" : row.seed(),
                        row.status() == null ? "" : row.status(), number(row.trainableParams(), "%,.0f"),
                        number(row.finalLoss(), "%.4f"), number(row.ssim(), "%.3f"), number(row.psnr(), "%.2f"),
                        number(row.edgeF1(), "%.3f"));
            }
        }
        out.flush();
    }

    /** The sweep point's axis values, {@code axis=value, ...}; "-" for a run outside a sweep. */
    private static String point(Path dir) {
        Path pointFile = dir.resolve(POINT_FILE);
        if (!Files.isRegularFile(pointFile)) {
            return "-";
        }
        try {
            JsonNode values = JSON.readTree(pointFile.toFile()).get("values");
            StringBuilder p = new StringBuilder();
            values.fields().forEachRemaining(f -> p.append(p.length() == 0 ? "" : ", ").append(f.getKey())
                    .append('=').append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
            return p.toString();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + pointFile + ": " + e.getMessage());
        }
    }

    private static String number(Number v, String format) {
        return v == null ? "-" : String.format(Locale.ROOT, format, v.doubleValue());
    }
}
