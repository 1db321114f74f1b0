package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field of every arm row of a run summary, untyped and in file order, for tables
 * that must follow whatever fields the runner writes (a field added tomorrow becomes a column
 * without a change here). {@link RunFolder} has already checked the rows it types.
 */
final class ArmFields {

    private ArmFields() {
    }

    /**
     * One map per row: whole numbers as {@link Long}, other numbers as {@link Double}, booleans,
     * strings, {@code null}; an array or object as its compact JSON text.
     */
    static List<Map<String, Object>> of(JsonNode arms) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode row : arms) {
            out.add(row(row));
        }
        return List.copyOf(out);
    }

    /** One object's fields, converted as {@link #of} does. */
    static Map<String, Object> row(JsonNode row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), value(e.getValue()));
        }
        return Collections.unmodifiableMap(fields);
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
