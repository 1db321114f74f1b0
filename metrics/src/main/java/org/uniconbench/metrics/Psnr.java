package org.uniconbench.metrics;

/**
 * Peak signal-to-noise ratio of a test image against a reference, matching scikit-image.
 *
 * <p>PSNR = 10 log10(R^2 / MSE) with R the data range, as in scikit-image's
 * {@code peak_signal_noise_ratio(reference, test, data_range=R)}; see also Q. Huynh-Thu and
 * M. Ghanbari, "Scope of validity of PSNR in image/video quality assessment", Electronics Letters
 * 44(13), 2008. Computed in double. Identical images give {@link Double#POSITIVE_INFINITY}, as in
 * scikit-image (which also warns about the division by zero).
 */
public final class Psnr {

    private Psnr() {
    }

    /**
     * Computes PSNR in decibels.
     *
     * @param reference the ground-truth image
     * @param test the image to score, same size as {@code reference}
     * @param dataRange difference between the largest and smallest possible value; positive
     * @return PSNR in dB, or positive infinity when the images are equal
     */
    public static double compute(GrayImage reference, GrayImage test, double dataRange) {
        FullReference.check("PSNR", reference, test, dataRange);
        float[] r = reference.pixels();
        float[] t = test.pixels();
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            double d = (double) r[i] - (double) t[i];
            sum += d * d;
        }
        double mse = sum / r.length;
        if (mse == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(dataRange * dataRange / mse);
    }
}
