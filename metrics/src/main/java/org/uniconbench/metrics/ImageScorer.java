package org.uniconbench.metrics;

/**
 * How a generated image is scored against its target, and a set of generated images against the
 * set of targets: the one rule behind the runner's evaluation ({@code harness/run/Evaluator}) and
 * {@code unicon eval} ({@code harness/eval/FolderScorer}), so a folder scored later reads the same
 * as the run that wrote it.
 *
 * <p>A pair: SSIM and PSNR at data range 1 (SSIM is null for a pair smaller than its 11x11 window),
 * and the pixelwise edge F1 between the generated image's Canny edges and the truth: the condition's
 * edge map where the condition is one (pixels above 0.5), else the target's Canny edges.
 *
 * <p>A set: the Frechet distance and KID between the two sets' features. KID averages
 * {@value #KID_SUBSETS} random subsets of half the images each (torchmetrics' default subset of
 * 1000 is far above our N; a subset of all N would repeat one value and give no spread), drawn
 * with the fixed seed {@link #KID_SEED}, so every model and folder is scored on the same subsets.
 */
public final class ImageScorer {

    /** KID subsets averaged. */
    public static final int KID_SUBSETS = 100;
    /** Seed of the KID subset draws. */
    public static final long KID_SEED = 0x51d_5eedL;
    /** A PSNR above this (identical images give infinity) counts as this in a mean. */
    public static final double PSNR_CAP = 100.0;

    private ImageScorer() {
    }

    /**
     * One pair's scores.
     *
     * @param ssim SSIM, or null when the pair is smaller than {@link Ssim#WINDOW_SIZE} a side
     * @param psnr PSNR in dB, uncapped (infinite for identical images)
     * @param edgeF1 pixelwise edge F1
     * @param predictedEdges the generated image's Canny edges
     * @param truthEdges the edges it is scored against
     */
    public record Pair(Double ssim, double psnr, double edgeF1, boolean[] predictedEdges,
            boolean[] truthEdges) {
    }

    /**
     * Scores one pair of the same size.
     *
     * @param generated the generated image, in [0, 1]
     * @param target its target, in [0, 1]
     * @param edgeCondition the condition's edge map when the condition is Canny edges, else null
     * @param edges the edge detector of the condition and the metric
     * @return the scores
     */
    public static Pair pair(GrayImage generated, GrayImage target, GrayImage edgeCondition,
            CannyEdges edges) {
        boolean fitsWindow = Math.min(generated.width(), generated.height()) >= Ssim.WINDOW_SIZE;
        Double ssim = fitsWindow ? Ssim.compute(generated, target, 1.0) : null;
        double psnr = Psnr.compute(target, generated, 1.0);
        // kornia's Canny (reflect padding) runs at any size, a 1-pixel image included
        boolean[] truth = edgeCondition != null ? edgeCondition.above(0.5f) : edges.detect(target);
        boolean[] predicted = edges.detect(generated);
        return new Pair(ssim, psnr, EdgeF1.compute(predicted, truth).f1(), predicted, truth);
    }

    /**
     * Feature-space distance of a generated set from the target set.
     *
     * @param fd Frechet distance
     * @param kid KID (mean MMD^2 over the subsets)
     * @param kidStd its standard deviation over the subsets
     * @param n images in the smaller set
     * @param kidSubsetSize rows per KID subset
     */
    public record Distance(double fd, double kid, double kidStd, int n, int kidSubsetSize) {
    }

    /**
     * Compares two sets of features, one row per image.
     *
     * @param generated features of the generated images (at least 2 rows)
     * @param targets features of the targets, as many rows
     * @return Frechet distance and KID
     */
    public static Distance distance(float[][] generated, float[][] targets) {
        int subsetSize = Math.max(2, generated.length / 2);
        FrechetDistance fd = FrechetDistance.compute(generated, targets);
        Kid kid = Kid.compute(generated, targets, KID_SUBSETS, subsetSize, KID_SEED);
        return new Distance(fd.value(), kid.mean(), kid.std(), Math.min(fd.countA(), fd.countB()),
                kid.subsetSize());
    }
}
