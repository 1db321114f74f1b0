package org.uniconbench.benchmarks;

import java.util.Random;
import org.uniconbench.metrics.GrayImage;

/**
 * Deterministic image batches for the benchmarks: a gradient with a filled rectangle and disc
 * (the target) and the same image with uniform noise (the generated image), values in [0,1].
 * benchmarks/python/time_reference.py builds the same kind of images for scikit-image.
 */
final class BenchImages {

    /** Images per benchmark invocation. */
    static final int BATCH = 256;

    private BenchImages() {
    }

    /** Returns {targets, noisy copies}, each {@link #BATCH} images of side {@code size}. */
    static GrayImage[][] pairs(int size, long seed) {
        Random r = new Random(seed);
        GrayImage[] targets = new GrayImage[BATCH];
        GrayImage[] generated = new GrayImage[BATCH];
        for (int k = 0; k < BATCH; k++) {
            float[] p = new float[size * size];
            float[] q = new float[size * size];
            double gx = r.nextDouble() - 0.5;
            double gy = r.nextDouble() - 0.5;
            int x0 = r.nextInt(size / 2);
            int y0 = r.nextInt(size / 2);
            int x1 = x0 + 2 + r.nextInt(size / 2);
            int y1 = y0 + 2 + r.nextInt(size / 2);
            double cx = r.nextDouble() * size;
            double cy = r.nextDouble() * size;
            double rad = 2 + r.nextDouble() * size * 0.3;
            double rect = r.nextDouble();
            double disc = r.nextDouble();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.4 + 0.5 * (gx * x + gy * y) / size;
                    if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                        v = rect;
                    }
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) {
                        v = disc;
                    }
                    p[y * size + x] = (float) v;
                    q[y * size + x] = (float) Math.max(0, Math.min(1, v + 0.2 * (r.nextDouble() - 0.5)));
                }
            }
            targets[k] = GrayImage.of(size, size, p);
            generated[k] = GrayImage.of(size, size, q);
        }
        return new GrayImage[][] {targets, generated};
    }
}
