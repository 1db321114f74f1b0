package org.uniconbench.metrics;

/**
 * Intersection over union (Jaccard index) of two boolean masks, for segmentation-mask control.
 *
 * <p>IoU = |A and B| / |A or B| (P. Jaccard, "The distribution of the flora in the alpine zone",
 * New Phytologist 11(2), 1912); ControlNet++ (arXiv:2404.07987) scores segmentation control with
 * the mean IoU of a segmenter's output on the generated image. Here there is one foreground class,
 * so this is the foreground IoU of one image pair. Convention: when both masks are empty (nothing
 * to find and nothing found) the IoU is 1, as for {@link EdgeF1}; when only one is empty it is 0.
 */
public final class MaskIou {

    private MaskIou() {
    }

    /**
     * Computes the IoU of two masks of the same length.
     *
     * @param predicted predicted mask, row-major
     * @param truth reference mask, row-major, same length
     * @return IoU in [0, 1]; 1 when both masks are empty
     */
    public static double compute(boolean[] predicted, boolean[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("Masks must have the same length, found predicted "
                    + predicted.length + " and truth " + truth.length);
        }
        long intersection = 0;
        long union = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] && truth[i]) {
                intersection++;
            }
            if (predicted[i] || truth[i]) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) intersection / union;
    }

    /**
     * Computes the IoU of two gray images thresholded at 0.5 ({@code value >= 0.5} is foreground),
     * as for masks read from 8-bit PNGs.
     *
     * @param predicted predicted mask image, values in [0,1]
     * @param truth reference mask image, same size
     * @return IoU in [0, 1]; 1 when both masks are empty
     */
    public static double compute(GrayImage predicted, GrayImage truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("Mask IoU needs images of the same size, found "
                    + predicted.sizeText() + " and " + truth.sizeText());
        }
        return compute(threshold(predicted), threshold(truth));
    }

    private static boolean[] threshold(GrayImage image) {
        float[] p = image.pixels();
        boolean[] mask = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            mask[i] = p[i] >= 0.5f;
        }
        return mask;
    }
}
