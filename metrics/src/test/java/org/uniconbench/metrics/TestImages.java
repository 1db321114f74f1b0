package org.uniconbench.metrics;

/**
 * Deterministic test images, generated identically by the Python script that produced the
 * scikit-image reference values (a Knuth MMIX linear congruential generator, top 24 bits).
 */
final class TestImages {

    private TestImages() {
    }

    /** Knuth's MMIX LCG; {@link #next()} returns the top 24 bits as a double in [0,1). */
    static final class Lcg {
        private long state;

        Lcg(long seed) {
            state = seed;
        }

        double next() {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (state >>> 40) / 16777216.0;
        }
    }

    /** Diagonal ramp from lo (top-left) to hi (bottom-right): lo + (hi-lo)(x+2y)/(w-1+2(h-1)). */
    static GrayImage gradient(int w, int h, double lo, double hi) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (float) (lo + (hi - lo) * (x + 2.0 * y) / (w - 1 + 2.0 * (h - 1)));
            }
        }
        return GrayImage.of(w, h, p);
    }

    /** Adds uniform noise in [-amp/2, amp/2) to each pixel, in raster order. */
    static GrayImage noisy(GrayImage a, long seed, double amp) {
        Lcg r = new Lcg(seed);
        float[] p = new float[a.pixels().length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((double) a.pixels()[i] + amp * (r.next() - 0.5));
        }
        return GrayImage.of(a.width(), a.height(), p);
    }

    /** Uniform random pixels in [0, scale). */
    static GrayImage random(int w, int h, long seed, double scale) {
        Lcg r = new Lcg(seed);
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (scale * r.next());
        }
        return GrayImage.of(w, h, p);
    }

    /** A w x h image of zeros with [x0, x1) x [y0, y1) set to one. */
    static GrayImage square(int w, int h, int x0, int y0, int x1, int y1) {
        float[] p = new float[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                p[y * w + x] = 1f;
            }
        }
        return GrayImage.of(w, h, p);
    }
}
