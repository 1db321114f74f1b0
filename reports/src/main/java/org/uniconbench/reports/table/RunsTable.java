package org.uniconbench.reports.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uniconbench.reports.RunFolder;
import tech.tablesaw.api.Table;

/**
 * The summary rows of many runs as one table: one line per arm and seed of each run (the backbone
 * reference row included), led by the run folder's name ({@code run}), the experiment name, and
 * the git commit and start date from {@code provenance.json} ({@code commit}, {@code date}; empty
 * when the run has none). The other columns are the rows' own fields (see {@link RowTable}).
 */
public final class RunsTable {

    private RunsTable() {
    }

    /**
     * Builds the table.
     *
     * @param runs opened run folders, in the order their rows should appear
     * @return the table
     * @throws org.uniconbench.reports.ReportException if a run's provenance.json is not an object
     */
    public static Table of(List<RunFolder> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunFolder run : runs) {
            rows.addAll(rows(run));
        }
        return RowTable.of("runs", rows);
    }

    /** One run's rows with the run's fields in front (commit and date from its provenance.json). */
    public static List<Map<String, Object>> rows(RunFolder run) {
        return rows(run, run.provenance());
    }

    /** One run's rows with the run's fields in front, commit and date from {@code provenance}. */
    public static List<Map<String, Object>> rows(RunFolder run, Map<String, String> provenance) {
        String name = run.dir().getFileName() == null ? run.dir().toString() : run.dir().getFileName().toString();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> fields : run.armFields()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", name);
            row.put("experiment", run.summary().experiment());
            row.put("commit", provenance.get("gitCommit"));
            row.put("date", provenance.get("startedAt"));
            fields.forEach(row::putIfAbsent); // a row field of the same name would not override the run's
            out.add(row);
        }
        return out;
    }
}
