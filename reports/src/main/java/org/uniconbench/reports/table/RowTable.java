package org.uniconbench.reports.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Rows of named fields (one per arm and seed, as the run summary holds them) as a Tablesaw
 * table. Every field of any row becomes a column: the {@link #KNOWN} ones first in that order,
 * then the others in the order they first appear. A column whose values are all whole numbers is
 * a long column, all numbers a double column, all booleans a boolean column, anything else a
 * string column; a field a row lacks, or holds as {@code null}, is a missing cell. An array or
 * object value is kept as its compact JSON text.
 */
public final class RowTable {

    /** Fields that lead the table, in this order, when present (the run's ones, then an arm row's identity). */
    public static final List<String> KNOWN = List.of(
            "run", "experiment", "commit", "date",
            "name", "method", "seed", "status", "error",
            "width", "depth", "connector", "scope", "flow",
            "trainableParams", "frozenParams", "totalParams", "steps", "batchSize");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RowTable() {
    }

    /**
     * Builds the table.
     *
     * @param name the table's name
     * @param rows one map per row (values: numbers, booleans, strings, {@code null}, lists, maps)
     * @return a table with one line per row
     */
    public static Table of(String name, List<? extends Map<String, ?>> rows) {
        Table table = Table.create(name);
        for (String field : columns(rows)) {
            List<Object> values = new ArrayList<>(rows.size());
            for (Map<String, ?> row : rows) {
                values.add(scalar(row.get(field)));
            }
            table.addColumns(column(field, values));
        }
        return table;
    }

    /** The column order: known fields first, then the rest as first seen. */
    static List<String> columns(List<? extends Map<String, ?>> rows) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.addAll(r.keySet()));
        List<String> out = new ArrayList<>();
        KNOWN.stream().filter(seen::contains).forEach(out::add);
        seen.stream().filter(f -> !KNOWN.contains(f)).forEach(out::add);
        return out;
    }

    /** Whole numbers as Long, other numbers as Double (a float through its decimal text), JSON text for containers. */
    private static Object scalar(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return Double.valueOf(Float.toString(f)); // 0.1f stays 0.1, as the JSON writer prints it
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof CharSequence || v instanceof Enum<?>) {
            return v.toString();
        }
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }

    private static Column<?> column(String name, List<Object> values) {
        boolean allLong = true;
        boolean allNumber = true;
        boolean allBoolean = true;
        for (Object v : values) {
            if (v != null) {
                allLong &= v instanceof Long;
                allNumber &= v instanceof Number;
                allBoolean &= v instanceof Boolean;
            }
        }
        boolean anyValue = values.stream().anyMatch(v -> v != null);
        if (anyValue && allLong) {
            LongColumn c = LongColumn.create(name);
            values.forEach(v -> {
                if (v == null) {
                    c.appendMissing();
                } else {
                    c.append((Long) v);
                }
            });
            return c;
        }
        if (anyValue && allNumber) {
            DoubleColumn c = DoubleColumn.create(name);
            values.forEach(v -> {
                if (v == null) {
                    c.appendMissing();
                } else {
                    c.append(((Number) v).doubleValue());
                }
            });
            return c;
        }
        if (anyValue && allBoolean) {
            BooleanColumn c = BooleanColumn.create(name);
            values.forEach(v -> {
                if (v == null) {
                    c.appendMissing();
                } else {
                    c.append((Boolean) v);
                }
            });
            return c;
        }
        StringColumn c = StringColumn.create(name);
        values.forEach(v -> {
            if (v == null) {
                c.appendMissing();
            } else {
                c.append(String.valueOf(v));
            }
        });
        return c;
    }
}
