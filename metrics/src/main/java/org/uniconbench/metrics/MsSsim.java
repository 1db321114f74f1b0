package org.uniconbench.metrics;

import java.util.Arrays;

/**
 * Multi-scale structural similarity (MS-SSIM) of two gray images, following torchmetrics.
 *
 * <p>Reference: Z. Wang, E. P. Simoncelli and A. C. Bovik, "Multiscale structural similarity for
 * image quality assessment", 37th Asilomar Conference on Signals, Systems and Computers, 2003,
 * doi:10.1109/ACSSC.2003.1292216. ControlNet++ (arXiv:2404.07987) reports (MS-)SSIM for HED and
 * line-art control.
 *
 * <p>Conventions, those of torchmetrics' {@code multiscale_structural_similarity_index_measure}
 * with its defaults ({@code gaussian_kernel=True, sigma=1.5, kernel_size=11, k1=0.01, k2=0.03,
 * normalize="relu"}) and an explicit {@code data_range}:
 * <ul>
 *   <li>At each of the M scales (M = 5 by default, weights {@link #WEIGHTS}
 *       = 0.0448, 0.2856, 0.3001, 0.2363, 0.1333 from the paper) the local statistics are those of
 *       {@link Ssim}: 11-tap Gaussian window of sigma 1.5, population (co)variances, and means
 *       taken over the map with a 5-pixel border cropped. The contrast-structure term
 *       {@code cs = (2 cov + C2) / (var_x + var_y + C2)} is averaged at scales 1..M-1, the full
 *       SSIM at the coarsest scale M; C1 and C2 use the same data range at every scale.</li>
 *   <li>Between scales both images are reduced by 2x2 average pooling with stride 2 and no padding
 *       ({@code F.avg_pool2d(x, (2, 2))}): an odd last row or column is dropped. (pytorch_msssim
 *       instead pads odd sizes by one pixel and counts the zero padding in the average, so results
 *       differ slightly for odd sizes.)</li>
 *   <li>"relu" normalisation: each per-scale mean is clamped at 0 before the power, so
 *       MS-SSIM = prod_{i<M} max(cs_i, 0)^w_i * max(ssim_M, 0)^w_M, in [0, 1].</li>
 *   <li>Too small images are rejected, as torchmetrics does (it never falls back to fewer scales):
 *       the coarsest scale must still hold the 11x11 window, i.e. {@code floor(side / 2^(M-1)) >= 11}
 *       for width and height. For the default 5 scales that is 176x176, exactly torchmetrics' rule
 *       ("the image height must be larger than 160": {@code side // 16 > 10}). Smaller images can
 *       be scored with fewer scales by passing fewer weights to
 *       {@link #compute(GrayImage, GrayImage, double, double[])}; the caller chooses them
 *       (torchmetrics' own check for 2 or 4 weights divides by (M-1)^2 instead of 2^(M-1), which
 *       rejects some sizes this class accepts and accepts some it rejects).</li>
 * </ul>
 * All arithmetic is in double.
 */
public final class MsSsim {

    /** The five scale weights of Wang et al. 2003, finest scale first. */
    private static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private MsSsim() {
    }

    /**
     * Returns the default weights of the five scales, finest first (a copy).
     *
     * @return {0.0448, 0.2856, 0.3001, 0.2363, 0.1333}
     */
    public static double[] defaultWeights() {
        return WEIGHTS.clone();
    }

    /**
     * Returns the smallest side (width and height) accepted for the given number of scales.
     *
     * @param scales number of scales, at least 1
     * @return {@code 11 * 2^(scales-1)}; 176 for 5 scales
     */
    public static int minimumSide(int scales) {
        if (scales < 1 || scales > 20) {
            throw new IllegalArgumentException("MS-SSIM scales must be in [1, 20], found " + scales);
        }
        return Ssim.WINDOW_SIZE << (scales - 1);
    }

    /**
     * Computes MS-SSIM with the five default scales.
     *
     * @param a first image, at least 176x176
     * @param b second image, same size as {@code a}
     * @param dataRange difference between the largest and smallest possible pixel value; positive
     * @return MS-SSIM in [0, 1], 1 for identical images
     */
    public static double compute(GrayImage a, GrayImage b, double dataRange) {
        return compute(a, b, dataRange, WEIGHTS);
    }

    /**
     * Computes MS-SSIM with one scale per weight (finest first).
     *
     * @param a first image, at least {@link #minimumSide(int) minimumSide(weights.length)} on each
     *     side
     * @param b second image, same size as {@code a}
     * @param dataRange difference between the largest and smallest possible pixel value; positive
     * @param weights exponent of each scale, finest first; at least one, each finite and >= 0
     * @return MS-SSIM in [0, 1]
     */
    public static double compute(GrayImage a, GrayImage b, double dataRange, double[] weights) {
        FullReference.check("MS-SSIM", a, b, dataRange);
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("MS-SSIM needs at least one scale weight, found none");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("MS-SSIM weights[" + i + "] must be finite and >= 0, found "
                        + weights[i] + " in " + Arrays.toString(weights));
            }
        }
        int scales = weights.length;
        int min = minimumSide(scales);
        int w = a.width();
        int h = a.height();
        if ((w >> (scales - 1)) < Ssim.WINDOW_SIZE || (h >> (scales - 1)) < Ssim.WINDOW_SIZE) {
            throw new IllegalArgumentException("MS-SSIM with " + scales + " scales needs images of at least "
                    + min + "x" + min + " (the 11x11 window at the coarsest scale, as torchmetrics), found "
                    + a.sizeText() + "; pass fewer weights for smaller images");
        }
        double[] x = a.doublePixels();
        double[] y = b.doublePixels();
        double result = 1;
        for (int s = 0; s < scales; s++) {
            double[] ssimCs = Ssim.ssimAndContrast(x, y, w, h, dataRange);
            double term = s == scales - 1 ? ssimCs[0] : ssimCs[1];
            result *= Math.pow(Math.max(term, 0), weights[s]);
            if (s < scales - 1) {
                x = halve(x, w, h);
                y = halve(y, w, h);
                w /= 2;
                h /= 2;
            }
        }
        return result;
    }

    /** 2x2 average pooling, stride 2, no padding: an odd last row or column is dropped. */
    static double[] halve(double[] in, int w, int h) {
        int ow = w / 2;
        int oh = h / 2;
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            int r0 = 2 * y * w;
            int r1 = r0 + w;
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = (in[r0 + 2 * x] + in[r0 + 2 * x + 1] + in[r1 + 2 * x] + in[r1 + 2 * x + 1]) / 4;
            }
        }
        return out;
    }
}
