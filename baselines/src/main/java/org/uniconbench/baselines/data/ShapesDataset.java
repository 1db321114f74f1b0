package org.uniconbench.baselines.data;

import org.uniconbench.metrics.GrayImage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The procedural dataset, the embedded default: one or two filled shapes (disc, square, triangle)
 * on a smooth gradient background, with exact masks. Deterministic from the seed; no download.
 *
 * <p>The label is the kind of the first (largest) shape: 0 disc, 1 square, 2 triangle.
 */
public final class ShapesDataset {

    /** Shape kinds, in label order. */
    public static final List<String> KINDS = List.of("disc", "square", "triangle");

    private ShapesDataset() {
    }

    /** Images plus labels plus masks, before conditions are attached. */
    record Raw(List<GrayImage> images, int[] labels, List<GrayImage> masks) {
    }

    /**
     * Generates images.
     *
     * @param count how many
     * @param resolution width and height in pixels
     * @param seed the seed; the same seed gives the same images
     * @return images in [0, 1], labels, masks
     */
    static Raw generate(int count, int resolution, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GrayImage> images = new ArrayList<>(count);
        List<GrayImage> masks = new ArrayList<>(count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            float[] pixels = background(random, resolution);
            float[] mask = new float[resolution * resolution];
            int shapes = 1 + random.nextInt(2);
            double size = resolution * (0.22 + 0.12 * random.nextDouble());
            for (int s = 0; s < shapes; s++) {
                int kind = random.nextInt(KINDS.size());
                if (s == 0) {
                    labels[i] = kind;
                }
                double cx = size + random.nextDouble() * (resolution - 2 * size);
                double cy = size + random.nextDouble() * (resolution - 2 * size);
                float intensity = (float) (0.65 + 0.35 * random.nextDouble());
                draw(pixels, mask, resolution, kind, cx, cy, size, intensity);
                size *= 0.7;
            }
            images.add(new GrayImage(resolution, resolution, pixels));
            masks.add(new GrayImage(resolution, resolution, mask));
        }
        return new Raw(images, labels, masks);
    }

    /** A dark linear gradient in a random direction. */
    private static float[] background(SplittableRandom random, int r) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double base = 0.05 + 0.2 * random.nextDouble();
        double range = 0.2 * random.nextDouble();
        float[] pixels = new float[r * r];
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                double u = ((x + 0.5) / r - 0.5) * Math.cos(angle) + ((y + 0.5) / r - 0.5) * Math.sin(angle);
                pixels[y * r + x] = (float) (base + range * (u + 0.5));
            }
        }
        return pixels;
    }

    /** Fills the shape's pixels (pixel centres inside the shape) with {@code intensity}. */
    private static void draw(float[] pixels, float[] mask, int r, int kind, double cx, double cy,
            double size, float intensity) {
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                boolean inside = switch (kind) {
                    case 0 -> dx * dx + dy * dy <= size * size;
                    case 1 -> Math.abs(dx) <= size * 0.85 && Math.abs(dy) <= size * 0.85;
                    default -> dy <= size * 0.8 && dy >= -size
                            && Math.abs(dx) <= (dy + size) * 0.6;
                };
                if (inside) {
                    pixels[y * r + x] = intensity;
                    mask[y * r + x] = 1f;
                }
            }
        }
    }
}
