package org.uniconbench.metrics;

/**
 * The gradient stage of kornia's {@code canny}, in float32 as PyTorch computes it on the CPU: a
 * separable Gaussian blur with reflect padding ({@code gaussian_blur2d(img, (k, k), (s, s))}, the
 * rows first, then the columns) and the unnormalised 3x3 Sobel with replicate padding
 * ({@code spatial_gradient(blurred, normalized=False)}).
 *
 * <p>Every sum runs over the kernel taps in row-major order, one float rounding per product and
 * per addition, without fused multiply-adds: on the golden images of {@code KorniaCannyGoldenTest}
 * this gives torch 2.15's blurred image bit for bit and its gradients except for a few values in
 * the first row that differ in the last bits (torch's convolution orders those sums differently).
 * Kernel taps follow kornia's {@code get_gaussian_kernel1d}: {@code exp(-n^2 / (2 sigma^2))} in
 * float32, normalised by their float32 sum.
 *
 * <p>Borders: torch's {@code reflect} mirrors about the edge pixel without repeating it
 * ({@code -1 -> 1}); it refuses an image whose side is not larger than the kernel's half-width,
 * which this class folds again (so a 2-pixel side still gets an answer; 1-pixel sides repeat the
 * pixel). {@code replicate} repeats the edge pixel.
 */
final class KorniaGradient {

    private KorniaGradient() {
    }

    /**
     * kornia's 1-D Gaussian taps for an odd size, in float32.
     *
     * @param size number of taps, odd and at least 1
     * @param sigma standard deviation, positive
     * @return the normalised taps
     */
    static float[] gaussianTaps(int size, float sigma) {
        float denominator = 2f * (sigma * sigma);
        float[] taps = new float[size];
        float sum = 0f;
        for (int i = 0; i < size; i++) {
            float offset = i - (float) (size / 2);
            taps[i] = (float) Math.exp(-(offset * offset) / denominator);
            sum += taps[i];
        }
        for (int i = 0; i < size; i++) {
            taps[i] = taps[i] / sum;
        }
        return taps;
    }

    /**
     * Blurs an image with the separable Gaussian, reflect padding, rows first.
     *
     * @param pixels row-major image, {@code width * height} values
     * @param taps the 1-D kernel from {@link #gaussianTaps}
     * @return the blurred image, a new array
     */
    static float[] blur(float[] pixels, int width, int height, float[] taps) {
        int half = taps.length / 2;
        float[] rows = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                float acc = 0f;
                for (int t = 0; t < taps.length; t++) {
                    acc += taps[t] * pixels[base + reflect(x + t - half, width)];
                }
                rows[base + x] = acc;
            }
        }
        float[] out = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0f;
                for (int t = 0; t < taps.length; t++) {
                    acc += taps[t] * rows[reflect(y + t - half, height) * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }

    /**
     * Unnormalised Sobel derivatives with replicate padding: {@code gx} correlates with
     * {@code [-1 0 1; -2 0 2; -1 0 1]}, {@code gy} with its transpose (x to the right, y down).
     *
     * @param pixels row-major image
     * @param gx receives the x derivative, same length
     * @param gy receives the y derivative, same length
     */
    static void sobel(float[] pixels, int width, int height, float[] gx, float[] gy) {
        for (int y = 0; y < height; y++) {
            int up = Math.max(y - 1, 0) * width;
            int mid = y * width;
            int down = Math.min(y + 1, height - 1) * width;
            for (int x = 0; x < width; x++) {
                int left = Math.max(x - 1, 0);
                int right = Math.min(x + 1, width - 1);
                // The nonzero taps in row-major order; the zero taps add exact zeros.
                float sx = -pixels[up + left];
                sx += pixels[up + right];
                sx += -2f * pixels[mid + left];
                sx += 2f * pixels[mid + right];
                sx += -pixels[down + left];
                sx += pixels[down + right];
                float sy = -pixels[up + left];
                sy += -2f * pixels[up + x];
                sy += -pixels[up + right];
                sy += pixels[down + left];
                sy += 2f * pixels[down + x];
                sy += pixels[down + right];
                gx[mid + x] = sx;
                gy[mid + x] = sy;
            }
        }
    }

    /** torch's {@code reflect} index (mirror about the edge pixel), folded again when needed. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }
}
