package org.uniconbench.reports;

import java.util.Locale;

/**
 * One entry of {@code summary.json}'s {@code claims}: a claim of the UniCon paper, the paper's
 * figure, this run's measurement of it (a ratio arm / reference with its 95% interval) and the
 * verdict the harness gave by the stated rule.
 *
 * @param claim the claim in words
 * @param paper the paper's figure, in words
 * @param arm the UniCon arm measured
 * @param reference the ControlNet arm it is compared with
 * @param metric the metric of the ratio, e.g. {@code peakMemoryBytes}
 * @param estimate the ratio arm / reference with its interval and n
 * @param verdict {@code holds}, {@code does not hold} or {@code inconclusive} (as written)
 * @param rule how the verdict follows from the interval
 */
public record Claim(String claim, String paper, String arm, String reference, String metric,
    Estimate estimate, String verdict, String rule) {

  /** The three verdicts the harness gives. */
  public enum Verdict {
    /** The interval lies on the claim's side of the threshold. */
    HOLDS("holds"),
    /** The interval lies on the other side. */
    DOES_NOT_HOLD("does not hold"),
    /** Neither, too few seeds, or no verdict recorded. */
    INCONCLUSIVE("inconclusive");

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
   * Returns the verdict as one of the three; spellings such as {@code does-not-hold} or
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
      default -> Verdict.INCONCLUSIVE;
    };
  }
}
