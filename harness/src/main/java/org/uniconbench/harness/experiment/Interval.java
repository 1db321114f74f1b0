package org.uniconbench.harness.experiment;

/**
 * A range of real numbers with open or closed ends, printed the way the schema documents it.
 *
 * @param low      lower end
 * @param lowOpen  whether {@code low} itself is excluded
 * @param high     upper end
 * @param highOpen whether {@code high} itself is excluded
 */
record Interval(double low, boolean lowOpen, double high, boolean highOpen) {

    /** (low, high): both ends excluded. */
    static Interval open(double low, double high) {
        return new Interval(low, true, high, true);
    }

    /** (low, high]: low excluded, high included. */
    static Interval openClosed(double low, double high) {
        return new Interval(low, true, high, false);
    }

    boolean contains(double x) {
        if (!Double.isFinite(x)) {
            return false;
        }
        boolean aboveLow = lowOpen ? x > low : x >= low;
        boolean belowHigh = highOpen ? x < high : x <= high;
        return aboveLow && belowHigh;
    }

    /** E.g. {@code a number in (0, 1]}. */
    String describe() {
        return "a number in " + (lowOpen ? "(" : "[") + plain(low) + ", " + plain(high) + (highOpen ? ")" : "]");
    }

    /** A double without a trailing {@code .0}: 1.0 prints as 1, 0.25 as 0.25. */
    static String plain(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
