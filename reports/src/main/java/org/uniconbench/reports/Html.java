package org.uniconbench.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * HTML escaping, the number formats and the table cells the report's sections share; all output is
 * locale-independent.
 */
final class Html {
    /** A figure the run folder does not have. */
    static final String NOT_MEASURED = "<span class=\"nm\">not measured</span>";
    /** A figure that has no meaning for the row (the backbone's trainable parameters). */
    static final String NOT_APPLICABLE = "<span class=\"nm\" title=\"not applicable\">—</span>";
    private static final double MIB = 1024.0 * 1024.0;

    private Html() {
    }

    /** Escapes text for use in element content and quoted attribute values; null becomes "". */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Integer with thousands separators: 1234567 -> "1,234,567". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Fixed number of decimals: fixed(17.234, 2) -> "17.23"; NaN and infinities spelled out. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Bytes as MiB with one decimal: 123456789 -> "117.7". */
    static String mib(long bytes) {
        return fixed(bytes / MIB, 1);
    }

    /**
     * Four significant digits without trailing zeros, for losses: 0.05 -> "0.05", 0.0123456 ->
     * "0.01235"; very small or large values in scientific notation.
     */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
    }

    /** A right-aligned number cell. */
    static void num(StringBuilder b, String cell) {
        b.append("<td class=\"num\">").append(cell).append("</td>");
    }

    /** The text, or "?" when it was not recorded. */
    static String orUnknown(String s) {
        return s == null ? "?" : s;
    }

    /** A figure with its interval in brackets when it has one; "not measured" when null. */
    static String estimateCell(Estimate e, DoubleFunction<String> format) {
        if (e == null || !e.measured()) {
            return NOT_MEASURED;
        }
        String v = format.apply(e.value());
        if (!e.hasInterval()) {
            return v;
        }
        String low = format.apply(e.low());
        String high = format.apply(e.high());
        // an exact figure (parameter counts, weight bytes) has a zero-width interval: not worth a bracket
        return low.equals(high) ? v : v + " <small>[" + low + "–" + high + "]</small>";
    }

    /** How the figures' intervals were computed, in words: "95% t, n = 5", "range of 3 seeds". */
    static String intervalName(List<ArmFigures> figures) {
        return figures.stream().map(a -> a.get(ArmFigures.SSIM)).filter(e -> e != null && e.hasInterval())
                .map(Estimate::describe).findFirst().orElse("no interval: one seed");
    }

    /** How many seeds an arm's figures stand for. */
    static String seedsCell(ArmFigures a) {
        if (a.failed()) {
            return "0 <small>(failed)</small>";
        }
        return a.aggregate() == null
                ? "1<small>" + (a.seeds() > 1 ? " of " + a.seeds() + " (first)" : "") + "</small>"
                : String.valueOf(a.n());
    }
}
