package org.uniconbench.metrics;

import java.util.Arrays;

/**
 * Canny edge detector for gray images in [0,1] that reproduces kornia's
 * {@code kornia.filters.canny} (kornia 0.9.0), the detector ControlNet++ scores Canny control
 * with ({@code canny(img, 0.1, 0.2)}, then a pixelwise {@link EdgeF1}).
 *
 * <p>References: J. Canny, "A computational approach to edge detection", IEEE TPAMI 8(6), 679-698,
 * 1986; M. Li et al., "ControlNet++", ECCV 2024, arXiv:2404.07987; kornia's
 * {@code kornia/filters/canny.py}, {@code sobel.py}, {@code gaussian.py} and {@code kernels.py}.
 *
 * <p>The steps, as kornia does them (all in float32):
 * <ol>
 *   <li>Gaussian blur, {@code (2r+1)x(2r+1)} taps with sigma {@code r/2} for blur radius r
 *       ({@link #defaults()}: r = 2, kornia's default 5x5 kernel with sigma 1; r = 0: no blur),
 *       reflect padding ({@link KorniaGradient}).</li>
 *   <li>Unnormalised Sobel gradients ({@code [-1 0 1; -2 0 2; -1 0 1]}, replicate padding) and
 *       the magnitude {@code sqrt(gx^2 + gy^2 + 1e-6)}: a sharp unit step reaches 4 before the blur
 *       and about 2.59 after the default one, eight times the normalised Sobel. The thresholds are
 *       on this scale, so ControlNet++'s 0.1 / 0.2 mean what they mean there.</li>
 *   <li>Non-maximum suppression along the gradient direction {@code atan2(gy, gx)} rounded to a
 *       multiple of 45 degrees (half to even): a pixel is kept when it beats both neighbours in
 *       that direction, strictly, except that a tie with the right (direction 0) or lower
 *       (direction 2) neighbour is accepted, so of two equal pixels across a step the left or
 *       upper one is kept. Neighbours outside the image count as {@code sqrt(1e-6)}, and a pixel
 *       must exceed that value (a zero gradient is never an edge).</li>
 *   <li>Double threshold, strict: weak above {@code low}, strong above {@code high}.</li>
 *   <li>Hysteresis: kornia promotes a weak pixel with a strong 8-neighbour, round after round until
 *       nothing changes; its fixed point, computed here by one flood fill, is every weak pixel
 *       8-connected to a strong one through weak pixels.</li>
 * </ol>
 *
 * <p>Agreement with kornia itself is tested on golden edge maps that kornia wrote
 * ({@code KorniaCannyGoldenTest}; figures in docs/metrics.md). The one known difference: the
 * magnitude's square root here is correctly rounded, while torch's float32 {@code sqrt} on the
 * CPU (MKL's vector math) may be one ulp off, which turns some near-ties between neighbours into
 * exact ties that kornia's rule then breaks; this moves a few edge segments of exactly symmetric
 * synthetic images by one pixel and none of the real or noisy golden images. The detector
 * replaced a BoofCV Canny whose L1, half-central-difference gradient was about 8 times smaller
 * than kornia's.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CannyEdges {

    /** kornia's {@code eps} inside the square root of the magnitude. */
    private static final float EPS = 1e-6f;

    /** The magnitude of a zero gradient, {@code sqrt(eps)}: the value outside the image. */
    private static final float FLOOR = (float) Math.sqrt(EPS);

    /** kornia's {@code 4 / math.pi}, rounded to float32 as torch rounds a Python scalar. */
    private static final float PER_45_DEGREES = (float) (4 / Math.PI);

    /** (dx, dy) of the neighbour in direction k, counted from +x (right) towards +y (down). */
    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};

    /** Largest blur radius accepted: a 21x21 kernel, more than any experiment file allows. */
    public static final int MAX_BLUR_RADIUS = 10;

    private final int blurRadius;
    private final float lowThreshold;
    private final float highThreshold;
    private final float[] taps;

    /**
     * Creates a detector.
     *
     * @param blurRadius Gaussian blur radius r in pixels, 0..{@value #MAX_BLUR_RADIUS}: a
     *     {@code (2r+1)}-tap kernel with sigma {@code r/2} (2 is kornia's default), 0 for no blur
     * @param lowThreshold weak-edge threshold on kornia's gradient magnitude, above 0
     * @param highThreshold strong-edge threshold, at least {@code lowThreshold}
     */
    public CannyEdges(int blurRadius, float lowThreshold, float highThreshold) {
        if (blurRadius < 0 || blurRadius > MAX_BLUR_RADIUS) {
            throw new IllegalArgumentException("Canny blurRadius must be in 0.." + MAX_BLUR_RADIUS
                    + ", found " + blurRadius);
        }
        if (!(lowThreshold > 0) || Float.isInfinite(lowThreshold)) {
            throw new IllegalArgumentException(
                    "Canny lowThreshold must be finite and > 0 (as in kornia), found " + lowThreshold);
        }
        if (!(highThreshold >= lowThreshold) || Float.isInfinite(highThreshold)) {
            throw new IllegalArgumentException("Canny highThreshold must be finite and >= lowThreshold ("
                    + lowThreshold + "), found " + highThreshold);
        }
        this.blurRadius = blurRadius;
        this.lowThreshold = lowThreshold;
        this.highThreshold = highThreshold;
        this.taps = KorniaGradient.gaussianTaps(kernelSize(), sigma());
    }

    /**
     * Returns ControlNet++'s evaluator, {@code kornia.filters.canny(img, 0.1, 0.2)}: a 5x5 Gaussian
     * with sigma 1 (blur radius 2), thresholds 0.1 / 0.2 on kornia's magnitude.
     *
     * @return the default detector
     */
    public static CannyEdges defaults() {
        return new CannyEdges(2, 0.1f, 0.2f);
    }

    /**
     * Detects edges.
     *
     * @param image a gray image with values in [0,1]
     * @return row-major mask, true on edge pixels, length {@code width * height}
     */
    public boolean[] detect(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] blurred = blurRadius == 0 ? image.pixels()
                : KorniaGradient.blur(image.pixels(), w, h, taps);
        float[] gx = new float[w * h];
        float[] gy = new float[w * h];
        KorniaGradient.sobel(blurred, w, h, gx, gy);
        float[] magnitude = new float[w * h];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i] + EPS);
        }
        // 0 below low, 1 weak, 2 strong, after non-maximum suppression.
        byte[] level = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float m = magnitude[i];
                if (!(m > FLOOR) || !(m > lowThreshold) || !isMaximum(magnitude, gx[i], gy[i], x, y, w, h)) {
                    continue;
                }
                level[i] = (byte) (m > highThreshold ? 2 : 1);
            }
        }
        return hysteresis(level, w, h);
    }

    /** kornia's non-maximum test of pixel (x, y) against its two neighbours along the gradient. */
    private static boolean isMaximum(float[] magnitude, float gx, float gy, int x, int y, int w,
            int h) {
        float angle = (float) Math.atan2(gy, gx);
        int angle45 = (int) Math.rint(angle * PER_45_DEGREES);
        int positive = Math.floorMod(angle45, 8);
        int negative = Math.floorMod(angle45 + 4, 8);
        float m = magnitude[y * w + x];
        return beats(m, neighbour(magnitude, x, y, w, h, positive), positive)
                && beats(m, neighbour(magnitude, x, y, w, h, negative), negative);
    }

    private static float neighbour(float[] magnitude, int x, int y, int w, int h, int direction) {
        int nx = x + DX[direction];
        int ny = y + DY[direction];
        return nx < 0 || ny < 0 || nx >= w || ny >= h ? FLOOR : magnitude[ny * w + nx];
    }

    /** Directions 0 (right) and 2 (down) accept a tie; the other six need a larger magnitude. */
    private static boolean beats(float m, float neighbour, int direction) {
        return m > neighbour || ((direction == 0 || direction == 2) && m == neighbour);
    }

    /** Keeps the weak pixels 8-connected to a strong one through weak pixels, and the strong. */
    private static boolean[] hysteresis(byte[] level, int w, int h) {
        boolean[] edges = new boolean[level.length];
        int[] stack = new int[level.length];
        int top = 0;
        for (int i = 0; i < level.length; i++) {
            if (level[i] == 2) {
                edges[i] = true;
                stack[top++] = i;
            }
        }
        while (top > 0) {
            int i = stack[--top];
            int x = i % w;
            int y = i / w;
            for (int d = 0; d < 8; d++) {
                int nx = x + DX[d];
                int ny = y + DY[d];
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    continue;
                }
                int n = ny * w + nx;
                if (level[n] == 1 && !edges[n]) {
                    edges[n] = true;
                    stack[top++] = n;
                }
            }
        }
        return edges;
    }

    /**
     * Detects edges and returns them as an image.
     *
     * @param image a gray image with values in [0,1]
     * @return an image of the same size, 1 on edge pixels and 0 elsewhere
     */
    public GrayImage detectAsImage(GrayImage image) {
        boolean[] mask = detect(image);
        float[] pixels = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            pixels[i] = mask[i] ? 1f : 0f;
        }
        return new GrayImage(image.width(), image.height(), pixels);
    }

    /**
     * Returns the Gaussian blur radius r in pixels.
     *
     * @return the Gaussian blur radius in pixels
     */
    public int blurRadius() {
        return blurRadius;
    }

    /**
     * Returns the Gaussian kernel's side, {@code 2r + 1} (kornia's {@code kernel_size}).
     *
     * @return the kernel side in pixels
     */
    public int kernelSize() {
        return 2 * blurRadius + 1;
    }

    /**
     * Returns the Gaussian's standard deviation, {@code r / 2} (kornia's {@code sigma}); irrelevant
     * when the radius is 0.
     *
     * @return sigma in pixels
     */
    public float sigma() {
        return blurRadius == 0 ? 0.5f : blurRadius / 2f;
    }

    /**
     * Returns the weak-edge threshold on kornia's gradient magnitude.
     *
     * @return the hysteresis low threshold
     */
    public float lowThreshold() {
        return lowThreshold;
    }

    /**
     * Returns the strong-edge threshold on kornia's gradient magnitude.
     *
     * @return the hysteresis high threshold
     */
    public float highThreshold() {
        return highThreshold;
    }

    /**
     * Returns the Gaussian taps, for tests.
     *
     * @return a copy of the 1-D kernel
     */
    float[] taps() {
        return Arrays.copyOf(taps, taps.length);
    }

    @Override
    public String toString() {
        return "CannyEdges[kornia, kernel " + kernelSize() + ", sigma " + sigma() + ", low="
                + lowThreshold + ", high=" + highThreshold + "]";
    }
}
