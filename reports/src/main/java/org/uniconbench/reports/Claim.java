package org.uniconbench.reports;

import java.util.Locale;

/**
 * One entry of the run summary's {@code claims}: a claim of the UniCon paper, the paper's
 * figure, the reading of "the same adapter size" it is tested under, this run's measurement (a
 * ratio arm / reference with its named interval) and the verdict the harness gave, with its reason.
 *
 * @param claim the claim in words
 * @param paper the paper's figure, in words
 * @param reading which operationalisation the row uses (e.g. {@code c-width-slice}), or {@code null}
 *     (older runs, or no pair)
 * @param readingText the reading in words, or {@code null}
 * @param arm the UniCon arm measured
 * @param reference the arm it is compared with
 * @param metric the metric of the ratio, e.g. {@code peakMemoryBytes}
 * @param estimate the ratio arm / reference with its interval, level, method and n
 * @param verdict {@code holds}, {@code does-not-hold}, {@code inconclusive} or {@code not-testable}
 *     (older runs: {@code does not hold})
 * @param reason why the verdict is what it is, or {@code null} in older runs
 * @param rule how the verdict follows from the interval
 * @param note how the figure was measured and what its interval leaves out, or {@code null}
 */
public record Claim(String claim, String paper, String reading, String readingText, String arm, String reference,
        String metric, Estimate estimate, String verdict, String reason, String rule, String note) {

    /** The four verdicts the harness gives. */
    public enum Verdict {
        /** The interval lies on the claim's side of the threshold. */
        HOLDS("holds"),
        /** The interval lies on the other side. */
        DOES_NOT_HOLD("does not hold"),
        /** Neither, too few seeds, or no verdict recorded. */
        INCONCLUSIVE("inconclusive"),
        /** The run cannot carry a verdict (no arm pair, backbone quality gate, no control learned). */
        NOT_TESTABLE("not testable");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** Returns the verdict in words, as the report shows it. */
        public String label() {
            return label;
        }
    }

    /**
     * Returns the verdict as one of the four; spellings such as {@code does-not-hold} or
     * {@code DOES_NOT_HOLD} are accepted, anything else (or none) reads as inconclusive.
     */
    public Verdict verdictKind() {
        if (verdict == null) {
            return Verdict.INCONCLUSIVE;
        }
        String v = verdict.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return switch (v) {
            case "holds", "hold" -> Verdict.HOLDS;
            case "does not hold", "not holds", "fails" -> Verdict.DOES_NOT_HOLD;
            case "not testable", "untestable" -> Verdict.NOT_TESTABLE;
            default -> Verdict.INCONCLUSIVE;
        };
    }
}
