package org.uniconbench.reports.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uniconbench.reports.RunFolder;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The median of numeric row fields over each arm's seeds, for every run of a comparison: the rows
 * of all runs in one Tablesaw table, summarized by run and arm. A row without the field (or with
 * {@code null}) does not count; a field no row has as a number has no median.
 */
public final class ArmMedians {

    private static final String RUN = "run#"; // the run's position: two compared runs may share a folder name

    private final Map<String, Double> medians;

    private ArmMedians(Map<String, Double> medians) {
        this.medians = medians;
    }

    /**
     * Computes the medians.
     *
     * @param runs the runs, opened
     * @param fields the row fields to summarize, e.g. {@code peakMemoryBytes}
     * @return the medians, looked up with {@link #get}
     */
    public static ArmMedians of(List<RunFolder> runs, List<String> fields) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (Map<String, Object> fieldsOfRow : runs.get(i).armFields()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(RUN, String.valueOf(i));
                row.putAll(fieldsOfRow);
                rows.add(row);
            }
        }
        Map<String, Double> out = new HashMap<>();
        Table table = RowTable.of("arms", rows);
        if (!table.containsColumn("name")) {
            return new ArmMedians(out);
        }
        for (String field : fields) {
            if (!table.containsColumn(field) || !(table.column(field) instanceof NumericColumn<?>)) {
                continue;
            }
            Table summary = table.summarize(field, AggregateFunctions.median).by(RUN, "name");
            for (Row r : summary) {
                double median = r.getDouble(2); // the one aggregate column, after the two group columns
                if (Double.isFinite(median)) {
                    out.put(key(Integer.parseInt(r.getString(RUN)), r.getString("name"), field), median);
                }
            }
        }
        return new ArmMedians(out);
    }

    /**
     * Returns the median of {@code field} over the rows of {@code arm} in run {@code run}, or null.
     *
     * @param run the run's index in the list given to {@link #of}
     */
    public Double get(int run, String arm, String field) {
        return medians.get(key(run, arm, field));
    }

    private static String key(int run, String arm, String field) {
        return run + "\u0000" + arm + "\u0000" + field;
    }
}
