package org.uniconbench.reports.table;

import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * A table as CSV text for pandas, R and spreadsheets: a header of column names, one line per row,
 * {@code \n} line ends, a missing cell (or NaN) empty, numbers as Java prints them ({@code 0.1},
 * {@code 1.0E-4}), a cell with a comma, quote or line break in double quotes.
 */
public final class CsvText {

    private CsvText() {
    }

    /** Returns {@code table} as CSV text; empty for a table without columns (a run that failed before any row). */
    public static String of(Table table) {
        if (table.columnCount() == 0) {
            return ""; // the CSV writer refuses a record of no fields
        }
        StringWriter out = new StringWriter();
        table.write().csv(CsvWriteOptions.builder(out).lineEnd("\n").build());
        return out.toString();
    }
}
