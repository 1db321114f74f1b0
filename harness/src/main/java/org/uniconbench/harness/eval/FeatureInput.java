package org.uniconbench.harness.eval;

import org.uniconbench.metrics.GrayImage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images a feature extractor sees when a set holds several sizes. A Frechet distance needs one
 * feature space, so, as clean-fid resizes every image to Inception's input, every image is resized
 * to one input size. The random convolutional features have no fixed input size of their own; the
 * size that stands in for it is the most frequent size among the targets (ties: the larger), so a
 * set of one size is scored at that size, unresized, exactly as before. Resizing is bilinear,
 * sampling at pixel centres (PIL's bilinear without antialiasing): an image a whole factor larger
 * is averaged over 2x2 blocks when halved, and no size is favoured beyond that.
 */
final class FeatureInput {

    private FeatureInput() {
    }

    /** The input size, {@code {width, height}}: the targets' most frequent size. */
    static int[] size(List<GrayImage> targets) {
        Map<String, int[]> sizes = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GrayImage t : targets) {
            String key = t.width() + "x" + t.height();
            sizes.putIfAbsent(key, new int[] {t.width(), t.height()});
            counts.merge(key, 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparingLong(en -> (long) sizes.get(en.getKey())[0] * sizes.get(en.getKey())[1]))
                .map(en -> sizes.get(en.getKey())).orElseThrow();
    }

    /** Every image at {@code size}; images already of that size are returned as they are. */
    static List<GrayImage> resized(List<GrayImage> images, int[] size) {
        List<GrayImage> out = new ArrayList<>(images.size());
        for (GrayImage image : images) {
            out.add(image.width() == size[0] && image.height() == size[1] ? image : bilinear(image, size[0], size[1]));
        }
        return out;
    }

    /** Bilinear resampling at pixel centres, edges clamped. */
    static GrayImage bilinear(GrayImage in, int width, int height) {
        float[] out = new float[width * height];
        double sx = (double) in.width() / width;
        double sy = (double) in.height() / height;
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, Math.min(in.height() - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(in.height() - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, Math.min(in.width() - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(in.width() - 1, x0 + 1);
                double wx = fx - x0;
                double top = in.get(x0, y0) * (1 - wx) + in.get(x1, y0) * wx;
                double bottom = in.get(x0, y1) * (1 - wx) + in.get(x1, y1) * wx;
                out[y * width + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return new GrayImage(width, height, out);
    }
}
