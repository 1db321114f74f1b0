package org.uniconbench.metrics;

/**
 * Mean structural similarity (SSIM) of two gray images, matching scikit-image.
 *
 * <p>Reference: Z. Wang, A. C. Bovik, H. R. Sheikh and E. P. Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE Transactions on Image
 * Processing 13(4), 600-612, 2004, doi:10.1109/TIP.2003.819861. ControlNet++ (arXiv:2404.07987)
 * scores HED and line-art control with (MS-)SSIM at data range 1.
 *
 * <p>The result equals scikit-image's {@code structural_similarity(a, b, gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False, data_range=dataRange)} on float64 inputs (checked to
 * 1e-6 in the tests against scikit-image 0.26): local statistics use a separable Gaussian window
 * with {@code scipy.ndimage.gaussian_filter} semantics (sigma 1.5, truncate 3.5, so radius 5 and 11
 * taps; boundary mode {@code 'reflect'}, i.e. half-sample symmetric {@code d c b a | a b c d}),
 * population (co)variances, K1 = 0.01, K2 = 0.03, and the SSIM map is averaged after cropping
 * a border of 5 pixels on each side. (Because of that crop, no window that contributes to the mean
 * reaches past the image, so the boundary mode never changes the result.) All arithmetic is in
 * double. scikit-image rejects images
 * smaller than the 11x11 window; so does this class.
 */
public final class Ssim {

    /** Gaussian standard deviation of the window, as in Wang et al. 2004. */
    static final double SIGMA = 1.5;
    /** Window radius: {@code int(truncate * sigma + 0.5)} with scikit-image's truncate = 3.5. */
    static final int RADIUS = (int) (3.5 * SIGMA + 0.5);
    /** Window side (11); also the smallest image side accepted. */
    public static final int WINDOW_SIZE = 2 * RADIUS + 1;

    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double[] KERNEL = gaussianKernel(SIGMA, RADIUS);

    private Ssim() {
    }

    /**
     * Computes the mean SSIM of two images of the same size.
     *
     * @param a first image, at least 11x11
     * @param b second image, same size as {@code a}
     * @param dataRange difference between the largest and smallest possible pixel value (1 for
     *     images in [0,1], 255 for 8-bit values); must be positive
     * @return mean SSIM over the cropped map, 1 for identical images
     */
    public static double compute(GrayImage a, GrayImage b, double dataRange) {
        FullReference.check("SSIM", a, b, dataRange);
        int w = a.width();
        int h = a.height();
        if (w < WINDOW_SIZE || h < WINDOW_SIZE) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW_SIZE + "x"
                    + WINDOW_SIZE + " (the Gaussian window, as in scikit-image), found " + a.sizeText());
        }
        double[] x = a.doublePixels();
        double[] y = b.doublePixels();
        return ssimAndContrast(x, y, w, h, dataRange)[0];
    }

    /**
     * Returns {mean SSIM, mean contrast-structure term} over the cropped map of two images of at
     * least 11x11 (checked by the callers). The contrast-structure term {@code (2 cov + C2) /
     * (var_x + var_y + C2)} is what MS-SSIM multiplies at its finer scales.
     *
     * <p>Only the map inside the 5-pixel border is needed, and every window centred there lies inside
     * the image, so the filter is evaluated on that region only ("valid" convolution): rows first,
     * all five statistics in one pass, then columns. Same taps, same summation order as
     * {@link #gaussianFilter}, so the result is that of filtering the whole image and cropping.
     */
    static double[] ssimAndContrast(double[] x, double[] y, int w, int h, double dataRange) {
        int cw = w - 2 * RADIUS;
        int ch = h - 2 * RADIUS;
        int taps = WINDOW_SIZE;
        // Row pass: for every row, the columns whose window fits, five statistics interleaved.
        double[] rows = new double[h * cw * 5];
        for (int row = 0; row < h; row++) {
            int base = row * w;
            int out = row * cw * 5;
            for (int col = 0; col < cw; col++) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                int start = base + col;
                for (int t = 0; t < taps; t++) {
                    double k = KERNEL[t];
                    double vx = x[start + t];
                    double vy = y[start + t];
                    sx += k * vx;
                    sy += k * vy;
                    sxx += k * (vx * vx);
                    syy += k * (vy * vy);
                    sxy += k * (vx * vy);
                }
                rows[out++] = sx;
                rows[out++] = sy;
                rows[out++] = sxx;
                rows[out++] = syy;
                rows[out++] = sxy;
            }
        }
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        double sumSsim = 0;
        double sumCs = 0;
        int stride = cw * 5;
        for (int row = 0; row < ch; row++) {
            for (int col = 0; col < cw; col++) {
                double mx = 0;
                double my = 0;
                double mxx = 0;
                double myy = 0;
                double mxy = 0;
                int at = row * stride + col * 5;
                for (int t = 0; t < taps; t++) {
                    double k = KERNEL[t];
                    int i = at + t * stride;
                    mx += k * rows[i];
                    my += k * rows[i + 1];
                    mxx += k * rows[i + 2];
                    myy += k * rows[i + 3];
                    mxy += k * rows[i + 4];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double vxy = mxy - mx * my;
                double cs = (2 * vxy + c2) / (vx + vy + c2);
                sumSsim += (2 * mx * my + c1) / (mx * mx + my * my + c1) * cs;
                sumCs += cs;
            }
        }
        double count = (double) cw * ch;
        return new double[] {sumSsim / count, sumCs / count};
    }

    /** Normalised 1-D Gaussian taps {@code exp(-t^2 / (2 sigma^2))}, t = -radius..radius (scipy). */
    static double[] gaussianKernel(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        double total = 0;
        for (int t = -radius; t <= radius; t++) {
            k[t + radius] = Math.exp(-0.5 * t * t / (sigma * sigma));
            total += k[t + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        return k;
    }

    /** Separable Gaussian filter, rows then columns, with half-sample symmetric boundaries. */
    static double[] gaussianFilter(double[] in, int w, int h) {
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        for (int row = 0; row < h; row++) {
            int base = row * w;
            for (int col = 0; col < w; col++) {
                double s = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    s += KERNEL[t + RADIUS] * in[base + reflect(col + t, w)];
                }
                tmp[base + col] = s;
            }
        }
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                double s = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    s += KERNEL[t + RADIUS] * tmp[reflect(row + t, h) * w + col];
                }
                out[row * w + col] = s;
            }
        }
        return out;
    }

    /** Maps an index to [0, n) by half-sample symmetric reflection ({@code d c b a | a b c d}). */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
