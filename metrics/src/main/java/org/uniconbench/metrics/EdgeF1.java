package org.uniconbench.metrics;

/**
 * Pixelwise precision, recall and F1 of a predicted edge mask against a reference mask.
 *
 * <p>This is the Canny-control score of ControlNet++ (M. Li et al., "ControlNet++: Improving
 * Conditional Controls with Efficient Consistency Feedback", ECCV 2024, arXiv:2404.07987): edges of
 * the generated image against the condition's edges, pixel by pixel, with no spatial tolerance
 * (unlike the BSDS boundary benchmark of Martin et al. 2004, which matches within a radius).
 *
 * <p>Conventions for empty sets, following torchmetrics' {@code zero_division=0} except for the
 * all-empty case: with TP, FP, FN the counts of true positives, false positives and false
 * negatives, precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 TP / (2 TP + FP + FN)
 * (the harmonic mean of the two). A ratio whose denominator is 0 is 0, except that when both masks
 * are empty (nothing to find and nothing found) all three are 1. So: no prediction but some truth
 * gives 0, 0, 0; some prediction but no truth gives 0, 0, 0.
 *
 * @param precision fraction of predicted edge pixels that are reference edge pixels
 * @param recall fraction of reference edge pixels that are predicted
 * @param f1 harmonic mean of precision and recall
 */
public record EdgeF1(double precision, double recall, double f1) {

  /**
   * Scores a predicted mask against a reference mask of the same length.
   *
   * @param predicted predicted edge pixels, row-major
   * @param truth reference edge pixels, row-major, same length
   * @return precision, recall and F1 under the conventions above
   */
  public static EdgeF1 compute(boolean[] predicted, boolean[] truth) {
    if (predicted.length != truth.length) {
      throw new IllegalArgumentException("Edge masks must have the same length, found predicted "
          + predicted.length + " and truth " + truth.length);
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] && truth[i]) {
        tp++;
      } else if (predicted[i]) {
        fp++;
      } else if (truth[i]) {
        fn++;
      }
    }
    if (tp + fp + fn == 0) {
      return new EdgeF1(1, 1, 1);
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
    return new EdgeF1(precision, recall, f1);
  }
}
