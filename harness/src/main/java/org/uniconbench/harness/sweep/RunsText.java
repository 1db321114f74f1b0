package org.uniconbench.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.table.RowTable;
import org.uniconbench.reports.table.RunsTable;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Many run folders as one text table, one line per arm and seed: the run, its sweep point's values
 * (from {@value #POINT_FILE}, written by {@code unicon sweep}), and the arm's status, parameters,
 * final loss and fidelity. What {@code unicon sweep} prints after its points and {@code unicon
 * compare} beside its page. The rows are the Tablesaw table of {@link RunsTable} (the one behind
 * {@code unicon runs --csv}) with the point as one more column; only the fixed-width printing is
 * here.
 */
public final class RunsText {

    /** A sweep point's record in its run folder: the sweep file, the point's index and axis values. */
    public static final String POINT_FILE = "sweep-point.json";

    private static final String POINT = "point";
    private static final String LINE = "%-36s %-40s %-14s %5s %-9s %10s %9s %7s %7s %7s%n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunsText() {
    }

    /**
     * Prints the table.
     *
     * @param runDirs run folders
     * @param out where
     * @throws org.uniconbench.reports.ReportException when a folder has no readable run summary
     * @throws BadInputException when a sweep-point.json is unreadable
     */
    public static void print(List<Path> runDirs, PrintWriter out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path dir : runDirs) {
            String point = point(dir);
            for (Map<String, Object> row : RunsTable.rows(RunFolder.open(dir), Map.of())) {
                row.put(POINT, point);
                rows.add(row);
            }
        }
        Table table = RowTable.of("runs", rows);
        out.printf(Locale.ROOT, LINE, "run", POINT, "arm", "seed", "status", "trainable", "loss", "SSIM", "PSNR",
                "edgeF1");
        if (table.containsColumn("name")) {
            table = table.where(table.stringColumn("name").isNotEqualTo("backbone"));
        }
        for (Row row : table) {
            out.printf(Locale.ROOT, LINE, text(row, "run"), text(row, POINT), text(row, "name"), text(row, "seed"),
                    text(row, "status"), number(row, "trainableParams", "%,.0f"), number(row, "finalLoss", "%.4f"),
                    number(row, "ssim", "%.3f"), number(row, "psnr", "%.2f"), number(row, "edgeF1", "%.3f"));
        }
        out.flush();
    }

    /** The point's axis values as {@code key=value, ...}, or {@code -} for a run outside a sweep. */
    private static String point(Path dir) {
        Path file = dir.resolve(POINT_FILE);
        if (!Files.isRegularFile(file)) {
            return "-";
        }
        try {
            JsonNode values = JSON.readTree(file.toFile()).path("values");
            StringBuilder p = new StringBuilder();
            values.fields().forEachRemaining(f -> p.append(p.length() == 0 ? "" : ", ").append(f.getKey())
                    .append('=').append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
            return p.toString();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(Row row, String column) {
        if (!row.columnNames().contains(column) || row.isMissing(column)) {
            return "";
        }
        return String.valueOf(row.getObject(column));
    }

    /**
     * A number cell formatted, or {@code -} when the row has none. A column that also holds text
     * (a {@code "NaN"} the JSON writer spelled as a string) is a text column: its cells that read
     * as finite numbers are formatted, the rest are {@code -}.
     */
    private static String number(Row row, String column, String format) {
        String cell = text(row, column);
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return "-";
        }
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
