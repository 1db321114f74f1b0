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
 *
 * <p><b>Depth.</b> Each shape lies on a fronto-parallel plane at a depth {@code d} in (0, 1]
 * (0 nearest); its intensity is {@link #intensityOfDepth(double) 1 - 0.35 d}, so nearer shapes are
 * brighter (in [0.65, 1)). The background is the far plane, depth 1. The depth map holds the depth
 * of the visible surface of each pixel; shapes are painted in order (the second over the first)
 * whatever their depths, so an occlusion does not imply the covering shape is nearer. Because
 * shapes are never darker than {@value #SHAPE_MIN_INTENSITY} and the background never brighter
 * than about 0.49, {@link #oracleDepth(GrayImage)} recovers the depth map from the image alone:
 * an <em>oracle</em> estimator that exists for this procedural set only, not a learned model.
 */
public final class ShapesDataset {

    /** Shape kinds, in label order. */
    public static final List<String> KINDS = List.of("disc", "square", "triangle");

    private ShapesDataset() {
    }

    /** Darkest shape intensity (a shape at depth 1); the background stays below about 0.49. */
    public static final float SHAPE_MIN_INTENSITY = 0.65f;

    /**
     * Foreground threshold: a pixel brighter than this is a shape. Midway between the brightest
     * background (0.25 + 0.2 x 1.21 = 0.49) and the darkest shape (0.65); used by the depth oracle
     * and to read a mask off a generated image (mask IoU).
     */
    public static final float FOREGROUND_THRESHOLD = 0.57f;

    private static final double SHAPE_MIN_INTENSITY_D = 0.65;
    /** Intensity span of shapes: depth 0 is intensity 1, depth 1 is intensity 0.65. */
    private static final double SHAPE_INTENSITY_RANGE = 0.35;

    /** Depth of the background (the far plane). */
    public static final float BACKGROUND_DEPTH = 1f;

    /** Images plus labels plus exact masks and depth maps, before conditions are attached. */
    record Raw(List<GrayImage> images, int[] labels, List<GrayImage> masks, List<GrayImage> depths) {
    }

    /** The rendering rule: intensity of a shape at {@code depth} in [0, 1] (1 nearest, 0.65 farthest). */
    public static float intensityOfDepth(double depth) {
        return (float) (1.0 - SHAPE_INTENSITY_RANGE * depth);
    }

    /** The inverse of {@link #intensityOfDepth} for a shape pixel, clamped to [0, 1]. */
    public static float depthOfIntensity(float intensity) {
        double depth = (1.0 - intensity) / SHAPE_INTENSITY_RANGE;
        return (float) Math.min(1.0, Math.max(0.0, depth));
    }

    /**
     * The oracle depth estimator: per pixel, the background depth where the image is not brighter
     * than {@link #FOREGROUND_THRESHOLD}, else {@link #depthOfIntensity}. Exact on this dataset's
     * images; on a generated image it measures how well the sample follows the rendering rule.
     *
     * @param image an image in [0, 1]
     * @return depth map in [0, 1], same size
     */
    public static GrayImage oracleDepth(GrayImage image) {
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] > FOREGROUND_THRESHOLD ? depthOfIntensity(in[i]) : BACKGROUND_DEPTH;
        }
        return new GrayImage(image.width(), image.height(), out);
    }

    /**
     * The foreground mask read off an image: 1 where a pixel is brighter than
     * {@link #FOREGROUND_THRESHOLD}, else 0. Exact on this dataset's images.
     */
    public static GrayImage foreground(GrayImage image) {
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] > FOREGROUND_THRESHOLD ? 1f : 0f;
        }
        return new GrayImage(image.width(), image.height(), out);
    }

    /**
     * Generates images.
     *
     * @param count how many
     * @param resolution width and height in pixels
     * @param seed the seed; the same seed gives the same images
     * @return images in [0, 1], labels, masks, depth maps
     */
    static Raw generate(int count, int resolution, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GrayImage> images = new ArrayList<>(count);
        List<GrayImage> masks = new ArrayList<>(count);
        List<GrayImage> depths = new ArrayList<>(count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            float[] pixels = background(random, resolution);
            float[] mask = new float[resolution * resolution];
            float[] depth = new float[resolution * resolution];
            java.util.Arrays.fill(depth, BACKGROUND_DEPTH);
            int shapes = 1 + random.nextInt(2);
            double size = resolution * (0.22 + 0.12 * random.nextDouble());
            for (int s = 0; s < shapes; s++) {
                int kind = random.nextInt(KINDS.size());
                if (s == 0) {
                    labels[i] = kind;
                }
                double cx = size + random.nextDouble() * (resolution - 2 * size);
                double cy = size + random.nextDouble() * (resolution - 2 * size);
                // intensity uniform in [0.65, 1) exactly as before depth existed (images unchanged);
                // the shape's depth is defined from it by the rendering rule (depthOfIntensity)
                float intensity = (float) (SHAPE_MIN_INTENSITY_D + SHAPE_INTENSITY_RANGE * random.nextDouble());
                draw(pixels, mask, depth, resolution, kind, cx, cy, size, intensity);
                size *= 0.7;
            }
            images.add(new GrayImage(resolution, resolution, pixels));
            masks.add(new GrayImage(resolution, resolution, mask));
            depths.add(new GrayImage(resolution, resolution, depth));
        }
        return new Raw(images, labels, masks, depths);
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

    /** Fills the shape's pixels (pixel centres inside the shape) with {@code intensity} and its depth. */
    private static void draw(float[] pixels, float[] mask, float[] depth, int r, int kind, double cx, double cy,
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
                    depth[y * r + x] = depthOfIntensity(intensity);
                }
            }
        }
    }
}
