package org.uniconbench.metrics;

/**
 * The preconditions every full-reference image metric here shares (PSNR, SSIM, MS-SSIM): two
 * images of one size and a positive, finite data range.
 */
final class FullReference {

    private FullReference() {
    }

    /**
     * Rejects images of different sizes and a data range that is not positive and finite.
     *
     * @param metric the metric's name for the message, e.g. {@code SSIM}
     * @param a first image
     * @param b second image
     * @param dataRange difference between the largest and smallest possible pixel value
     * @throws IllegalArgumentException naming the metric and the bad value
     */
    static void check(String metric, GrayImage a, GrayImage b, double dataRange) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(metric + " needs images of the same size, found "
                    + a.sizeText() + " and " + b.sizeText());
        }
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException(
                    metric + " dataRange must be positive and finite, found " + dataRange);
        }
    }
}
