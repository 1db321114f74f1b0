package org.uniconbench.harness.cli;

import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.table.CsvText;
import org.uniconbench.reports.table.RowTable;
import org.uniconbench.reports.table.RunsTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code unicon runs --csv}: every row of every run under a folder as one CSV (one line per arm
 * and seed, the backbone row included), for pandas and R. A run folder whose summary cannot be
 * read (missing, truncated, mistyped: {@link RunFolder#open}) is left out with a warning naming the file, and the others are still exported;
 * one whose provenance.json cannot be read keeps its rows, without commit and date, and gets a
 * warning too. After a warning the exit code is {@link Main#FAILURE} (1), so a script sees the
 * table is incomplete. A folder with no run in it is bad input ({@link Main#BAD_INPUT}, 2). A folder with no
 * summary yet (a run before its first result) has no rows and is passed over.
 */
final class RunsCsv {

    private RunsCsv() {
    }

    /**
     * Exports the runs under {@code output}.
     *
     * @param output the folder holding run folders
     * @param file the CSV file to write, or {@code null} for {@code out}
     * @return the exit code
     * @throws ReportException when {@code output} holds no run (or none is readable)
     */
    static int export(Path output, Path file, PrintWriter out, PrintWriter err) throws IOException {
        if (!Files.isDirectory(output)) {
            throw new ReportException(output.toAbsolutePath() + " is not a folder: pass the folder holding run "
                    + "folders (default runs/), e.g. unicon runs --csv runs");
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(output)) {
            dirs = s.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(RunFolder::hasSummary)
                    .sorted()
                    .toList();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int runs = 0;
        for (Path dir : dirs) {
            RunFolder run;
            try {
                run = RunFolder.open(dir);
            } catch (ReportException ex) { // the message names the file
                warnings.add("left out: " + ex.getMessage());
                continue;
            }
            Map<String, String> provenance;
            try {
                provenance = run.provenance();
            } catch (ReportException ex) { // the rows are still good: keep them
                warnings.add(ex.getMessage() + " (its rows are exported without commit and date)");
                provenance = Map.of();
            }
            rows.addAll(RunsTable.rows(run, provenance));
            runs++;
        }
        if (runs == 0) {
            warnings.forEach(w -> err.println("warning: " + w));
            throw new ReportException(output.toAbsolutePath() + " has no " + (dirs.isEmpty() ? "" : "readable ")
                    + "run folders (sub-folders with a " + RunFolder.SUMMARY + "): pass the folder `unicon run` "
                    + "wrote into (its output:, default runs/)");
        }
        String csv = CsvText.of(RowTable.of("runs", rows));
        if (file == null) {
            out.print(csv);
            out.flush();
        } else {
            write(file, csv);
        }
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        err.println("exported " + rows.size() + " rows of " + runs + " runs" + (file == null ? "" : " to " + file)
                + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s) above, exit 1"));
        err.flush();
        return warnings.isEmpty() ? Main.OK : Main.FAILURE;
    }

    private static void write(Path file, String csv) {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
