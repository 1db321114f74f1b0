package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Typed reads of single JSON values for the run-folder readers: null for a missing or null field, a
 * {@link ReportException} naming the path ({@code at}) and what was found for a field of another type.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String asText(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new ReportException(at + " must be a string, found " + kind(n));
        }
        return n.asText();
    }

    static Double asDouble(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) { // "NaN", "Infinity" or a quoted number
            try {
                return Double.valueOf(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new ReportException(at + " must be a number or null, found " + n);
    }

    static Long asLong(JsonNode n, String at) {
        Double d = asDouble(n, at);
        if (d == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p53) {
            throw new ReportException(at + " must be a whole number or null, found " + n);
        }
        return d.longValue();
    }

    static Integer asInt(JsonNode n, String at) {
        Long l = asLong(n, at);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ReportException(at + " is out of range for an int, found " + l);
        }
        return l.intValue();
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
