package org.uniconbench.baselines.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.train.TrainingData;
import org.uniconbench.metrics.GrayImage;

import java.util.List;

/**
 * Grayscale images in [0, 1] with their labels, optional exact masks, and condition images.
 *
 * @param images the images
 * @param labels class of each image (shape kind, Fashion-MNIST class)
 * @param masks exact foreground masks, or null where the dataset has none
 * @param depths depth maps in [0, 1] (procedural set only), or null where the dataset has none
 * @param conditions condition image of each image, in [0, 1]
 */
public record ImageSet(List<GrayImage> images, int[] labels, List<GrayImage> masks,
        List<GrayImage> depths, List<GrayImage> conditions) implements TrainingData {

    /** Validates and copies. */
    public ImageSet {
        images = List.copyOf(images);
        conditions = List.copyOf(conditions);
        masks = masks == null ? null : List.copyOf(masks);
        depths = depths == null ? null : List.copyOf(depths);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("An image set needs at least one image");
        }
        if (conditions.size() != images.size() || labels.length != images.size()) {
            throw new IllegalArgumentException("images, labels and conditions differ in count");
        }
    }

    /** Image width (= height). */
    public int resolution() {
        return images.get(0).width();
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Batch batch(NDManager manager, int[] indices) {
        int r = resolution();
        int pixels = r * r;
        float[] x = new float[indices.length * pixels];
        float[] c = new float[indices.length * pixels];
        for (int i = 0; i < indices.length; i++) {
            float[] image = images.get(indices[i]).pixels();
            float[] condition = conditions.get(indices[i]).pixels();
            for (int p = 0; p < pixels; p++) {
                x[i * pixels + p] = image[p] * 2f - 1f; // the model works in [-1, 1]
                c[i * pixels + p] = condition[p];
            }
        }
        Shape shape = new Shape(indices.length, 1, r, r);
        return new Batch(manager.create(x, shape), manager.create(c, shape));
    }

    /** The first {@code count} examples. */
    public ImageSet head(int count) {
        int n = Math.min(count, size());
        return new ImageSet(images.subList(0, n), java.util.Arrays.copyOf(labels, n),
                masks == null ? null : masks.subList(0, n), depths == null ? null : depths.subList(0, n),
                conditions.subList(0, n));
    }
}
