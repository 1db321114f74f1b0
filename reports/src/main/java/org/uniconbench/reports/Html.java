package org.uniconbench.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** HTML escaping and the number formats used in report tables; all output is locale-independent. */
final class Html {
  private static final double MIB = 1024.0 * 1024.0;

  private Html() {}

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
}
