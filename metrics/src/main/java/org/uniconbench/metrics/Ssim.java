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

  private Ssim() {}

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
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("SSIM needs images of the same size, found "
          + a.sizeText() + " and " + b.sizeText());
    }
    if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
      throw new IllegalArgumentException(
          "SSIM dataRange must be positive and finite, found " + dataRange);
    }
    int w = a.width();
    int h = a.height();
    if (w < WINDOW_SIZE || h < WINDOW_SIZE) {
      throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW_SIZE + "x"
          + WINDOW_SIZE + " (the Gaussian window, as in scikit-image), found " + a.sizeText());
    }
    int n = w * h;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] xx = new double[n];
    double[] yy = new double[n];
    double[] xy = new double[n];
    float[] pa = a.pixels();
    float[] pb = b.pixels();
    for (int i = 0; i < n; i++) {
      double va = pa[i];
      double vb = pb[i];
      x[i] = va;
      y[i] = vb;
      xx[i] = va * va;
      yy[i] = vb * vb;
      xy[i] = va * vb;
    }
    double[] ux = gaussianFilter(x, w, h);
    double[] uy = gaussianFilter(y, w, h);
    double[] uxx = gaussianFilter(xx, w, h);
    double[] uyy = gaussianFilter(yy, w, h);
    double[] uxy = gaussianFilter(xy, w, h);
    double c1 = (K1 * dataRange) * (K1 * dataRange);
    double c2 = (K2 * dataRange) * (K2 * dataRange);
    double sum = 0;
    for (int row = RADIUS; row < h - RADIUS; row++) {
      for (int col = RADIUS; col < w - RADIUS; col++) {
        int i = row * w + col;
        double mx = ux[i];
        double my = uy[i];
        double vx = uxx[i] - mx * mx;
        double vy = uyy[i] - my * my;
        double vxy = uxy[i] - mx * my;
        double num = (2 * mx * my + c1) * (2 * vxy + c2);
        double den = (mx * mx + my * my + c1) * (vx + vy + c2);
        sum += num / den;
      }
    }
    return sum / ((double) (w - 2 * RADIUS) * (h - 2 * RADIUS));
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
