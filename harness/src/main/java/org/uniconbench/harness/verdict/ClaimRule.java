package org.uniconbench.harness.verdict;

import org.uniconbench.metrics.SeedInterval;

import java.util.Locale;

/**
 * How the interval of a ratio (arm / reference) becomes a verdict on one of the paper's claims:
 * "holds" when the whole interval lies on the claim's side of {@code holdsAt}, "does-not-hold" when
 * it lies on the other side of {@code failsAt}, "inconclusive" otherwise, and always
 * "inconclusive" when the interval is a range of fewer than {@value SeedInterval#MIN_T_SEEDS} seeds
 * (no coverage to stand on). The regime checks that make a claim "not-testable" come before this
 * rule ({@link PaperClaims}).
 *
 * <p>With a t interval at level 0.95 and a true ratio exactly at a threshold, the rule says
 * "holds" (or "does-not-hold") at most 2.5% of the time; the coverage test checks this by
 * simulation.
 *
 * @param lowerIsBetter whether the claim is that the ratio is small (memory, time)
 * @param holdsAt the threshold the interval must clear for "holds"
 * @param failsAt the threshold beyond which the interval means "does-not-hold"
 */
record ClaimRule(boolean lowerIsBetter, double holdsAt, double failsAt) {

    /** Verdict words as written to the run summary. */
    static final String HOLDS = "holds";
    static final String DOES_NOT_HOLD = "does-not-hold";
    static final String INCONCLUSIVE = "inconclusive";
    static final String NOT_TESTABLE = "not-testable";

    /** The claim "the ratio is at most {@code holdsAt}", failing at or above {@code failsAt}. */
    static ClaimRule atMost(double holdsAt, double failsAt) {
        return new ClaimRule(true, holdsAt, failsAt);
    }

    /** The claim "the ratio is above {@code holdsAt}", failing at or below {@code failsAt}. */
    static ClaimRule above(double holdsAt, double failsAt) {
        return new ClaimRule(false, holdsAt, failsAt);
    }

    /** The verdict this interval gives: holds, does-not-hold or inconclusive. */
    String verdict(SeedInterval interval) {
        if (!interval.isConfidenceInterval()) {
            return INCONCLUSIVE;
        }
        if (lowerIsBetter) {
            return interval.high() <= holdsAt ? HOLDS : interval.low() >= failsAt ? DOES_NOT_HOLD : INCONCLUSIVE;
        }
        return interval.low() > holdsAt ? HOLDS : interval.high() <= failsAt ? DOES_NOT_HOLD : INCONCLUSIVE;
    }

    /** Why {@link #verdict} said what it said, in one sentence. */
    String reason(SeedInterval interval) {
        String named = interval.describe();
        if (!interval.isConfidenceInterval()) {
            return named + ": a verdict needs a " + Math.round(SeedInterval.LEVEL * 100) + "% t interval over at least "
                    + SeedInterval.MIN_T_SEEDS + " seeds (evaluation.interval: t)";
        }
        String at = String.format(Locale.ROOT, "[%.3f, %.3f] (%s)", interval.low(), interval.high(), named);
        return switch (verdict(interval)) {
            case HOLDS -> "the interval " + at + " lies " + (lowerIsBetter ? "at or below " : "above ") + fmt(holdsAt);
            case DOES_NOT_HOLD -> "the interval " + at + " lies " + (lowerIsBetter ? "at or above " : "at or below ")
                    + fmt(failsAt);
            default -> "the interval " + at + " reaches past " + fmt(holdsAt)
                    + (holdsAt == failsAt ? "" : " and " + fmt(failsAt));
        };
    }

    /** The rule in words, as the report prints it. */
    String describe() {
        String level = Math.round(SeedInterval.LEVEL * 100) + "% t interval";
        return lowerIsBetter
                ? String.format(Locale.ROOT,
                        "holds if the %s of the ratio lies at or below %s; does not hold if it lies "
                                + "at or above %s; otherwise inconclusive; a range of fewer than %d seeds is always inconclusive",
                        level, fmt(holdsAt), fmt(failsAt), SeedInterval.MIN_T_SEEDS)
                : String.format(Locale.ROOT,
                        "holds if the %s of the ratio lies above %s; does not hold if it lies at or "
                                + "below %s; otherwise inconclusive; a range of fewer than %d seeds is always inconclusive",
                        level, fmt(holdsAt), fmt(failsAt), SeedInterval.MIN_T_SEEDS);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
