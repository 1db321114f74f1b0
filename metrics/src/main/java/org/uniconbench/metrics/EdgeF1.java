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
 * <p>{@link #withTolerance} is the tolerant variant in the spirit of the BSDS benchmark (D. Martin,
 * C. Fowlkes and J. Malik, "Learning to detect natural image boundaries using local brightness,
 * color, and texture cues", IEEE TPAMI 26(5), 2004), simplified to a distance test without
 * one-to-one matching: a predicted edge pixel counts for precision if some reference edge pixel
 * lies within Chebyshev distance d (the (2d+1)x(2d+1) square around it, so diagonal neighbours are
 * at distance 1), and a reference edge pixel counts for recall if some predicted edge pixel lies
 * within distance d of it. Chebyshev rather than Euclidean distance because it is a square
 * dilation, exact and cheap, and for d = 1 it is the usual "one pixel off in any direction". F1 is
 * the harmonic mean {@code 2PR / (P + R)}; the empty-mask conventions are those above. With d = 0
 * it equals {@link #compute}.
 *
 * @param precision fraction of predicted edge pixels that are reference edge pixels (within d)
 * @param recall fraction of reference edge pixels that are predicted (within d)
 * @param f1 harmonic mean of precision and recall
 * @param name what was measured, for tables: {@code edgeF1} (pixelwise) or {@code edgeF1@d<d>}
 */
public record EdgeF1(double precision, double recall, double f1, String name) {

    /** Name of the pixelwise score. */
    public static final String PIXELWISE = "edgeF1";

    /**
     * Creates a pixelwise result, named {@value #PIXELWISE}.
     *
     * @param precision fraction of predicted edge pixels that are reference edge pixels
     * @param recall fraction of reference edge pixels that are predicted
     * @param f1 harmonic mean of precision and recall
     */
    public EdgeF1(double precision, double recall, double f1) {
        this(precision, recall, f1, PIXELWISE);
    }

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

    /**
     * Scores a predicted mask against a reference mask with a spatial tolerance of d pixels
     * (Chebyshev distance, see the class comment).
     *
     * @param predicted predicted edge pixels, row-major
     * @param truth reference edge pixels, row-major, same length
     * @param width image width; the length must be a positive multiple of it
     * @param d tolerance in pixels, at least 0 (0 is pixelwise)
     * @return precision, recall and F1, named {@code "edgeF1@d" + d}
     */
    public static EdgeF1 withTolerance(boolean[] predicted, boolean[] truth, int width, int d) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("Edge masks must have the same length, found predicted "
                    + predicted.length + " and truth " + truth.length);
        }
        if (width < 1 || predicted.length == 0 || predicted.length % width != 0) {
            throw new IllegalArgumentException("Edge mask length must be a positive multiple of width, "
                    + "found length " + predicted.length + " and width " + width);
        }
        if (d < 0) {
            throw new IllegalArgumentException("Edge tolerance d must be >= 0, found " + d);
        }
        String name = PIXELWISE + "@d" + d;
        int height = predicted.length / width;
        boolean[] nearTruth = dilate(truth, width, height, d);
        boolean[] nearPredicted = dilate(predicted, width, height, d);
        long predictedCount = 0;
        long predictedHits = 0;
        long truthCount = 0;
        long truthHits = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                predictedCount++;
                if (nearTruth[i]) {
                    predictedHits++;
                }
            }
            if (truth[i]) {
                truthCount++;
                if (nearPredicted[i]) {
                    truthHits++;
                }
            }
        }
        if (predictedCount == 0 && truthCount == 0) {
            return new EdgeF1(1, 1, 1, name);
        }
        double precision = predictedCount == 0 ? 0 : (double) predictedHits / predictedCount;
        double recall = truthCount == 0 ? 0 : (double) truthHits / truthCount;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new EdgeF1(precision, recall, f1, name);
    }

    /** Dilation by a (2d+1)x(2d+1) square: rows, then columns, each with a running count. */
    static boolean[] dilate(boolean[] mask, int width, int height, int d) {
        if (d == 0) {
            return mask;
        }
        boolean[] rows = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            int count = 0;
            // count = number of set pixels in [x - d, x + d] of this row
            for (int x = 0; x < Math.min(d, width); x++) {
                count += mask[base + x] ? 1 : 0;
            }
            for (int x = 0; x < width; x++) {
                if (x + d < width && mask[base + x + d]) {
                    count++;
                }
                if (x - d - 1 >= 0 && mask[base + x - d - 1]) {
                    count--;
                }
                rows[base + x] = count > 0;
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int x = 0; x < width; x++) {
            int count = 0;
            for (int y = 0; y < Math.min(d, height); y++) {
                count += rows[y * width + x] ? 1 : 0;
            }
            for (int y = 0; y < height; y++) {
                if (y + d < height && rows[(y + d) * width + x]) {
                    count++;
                }
                if (y - d - 1 >= 0 && rows[(y - d - 1) * width + x]) {
                    count--;
                }
                out[y * width + x] = count > 0;
            }
        }
        return out;
    }
}
