package org.uniconbench.baselines.data;

import org.uniconbench.metrics.GrayImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the train and evaluation splits of a dataset with their conditions. */
public final class Datasets {

    /**
     * The splits, pairwise disjoint.
     *
     * @param train training examples
     * @param eval held-out examples, used for samples and metrics
     * @param reference further held-out real examples (the feature classifier's test set and the
     *     second real set of the real-vs-real baseline), or null when none were asked for
     */
    public record Splits(ImageSet train, ImageSet eval, ImageSet reference) {
    }

    private Datasets() {
    }

    /**
     * Loads or generates the splits.
     *
     * @param kind which dataset
     * @param resolution image size (Fashion-MNIST is resized bilinearly when not 28)
     * @param trainSize training examples
     * @param evalSize evaluation examples
     * @param folder Fashion-MNIST folder, or null for Debian's
     * @param seed the procedural set's seed (train and eval use split streams)
     * @param condition how conditions are made
     * @return train and eval splits
     */
    public static Splits load(DatasetKind kind, int resolution, int trainSize, int evalSize, Path folder,
            long seed, Condition condition) {
        return load(kind, resolution, trainSize, evalSize, folder, seed, condition, 0);
    }

    /**
     * Loads or generates the splits plus a reference split.
     *
     * @param referenceSize examples of the reference split (0 for none): procedural images from a
     *     third seed stream, or the Fashion-MNIST test images after the evaluation ones
     * @throws DatasetException when data is missing, or the condition needs masks or depth maps
     *     the dataset does not have
     * @see #load(DatasetKind, int, int, int, Path, long, Condition)
     */
    public static Splits load(DatasetKind kind, int resolution, int trainSize, int evalSize, Path folder,
            long seed, Condition condition, int referenceSize) {
        return switch (kind) {
            case SHAPES -> {
                ShapesDataset.Raw train = ShapesDataset.generate(trainSize, resolution, seed);
                ShapesDataset.Raw eval = ShapesDataset.generate(evalSize, resolution, seed ^ 0x5eed5eedL);
                ShapesDataset.Raw reference = referenceSize == 0 ? null
                        : ShapesDataset.generate(referenceSize, resolution, seed ^ 0x0ef0_0ef0L);
                yield new Splits(withConditions(train, condition), withConditions(eval, condition),
                        reference == null ? null : withConditions(reference, condition));
            }
            case FASHION_MNIST -> {
                if (condition.needsScene()) {
                    throw new DatasetException("condition " + condition.describe() + " needs exact masks "
                            + "and depth maps, which only the procedural shapes dataset has");
                }
                Path dir = folder == null ? Path.of(FashionMnist.DEFAULT_FOLDER) : folder;
                FashionMnist.Raw train = FashionMnist.read(dir, true, trainSize);
                FashionMnist.Raw test = FashionMnist.read(dir, false, evalSize + referenceSize);
                List<GrayImage> testImages = resize(test.images(), resolution);
                int[] labels = test.labels();
                ImageSet reference = referenceSize == 0 ? null : withConditions(
                        testImages.subList(evalSize, evalSize + referenceSize),
                        java.util.Arrays.copyOfRange(labels, evalSize, evalSize + referenceSize), null, null,
                        condition);
                yield new Splits(
                        withConditions(resize(train.images(), resolution), train.labels(), null, null, condition),
                        withConditions(testImages.subList(0, evalSize),
                                java.util.Arrays.copyOf(labels, evalSize), null, null, condition),
                        reference);
            }
        };
    }

    private static ImageSet withConditions(ShapesDataset.Raw raw, Condition condition) {
        return withConditions(raw.images(), raw.labels(), raw.masks(), raw.depths(), condition);
    }

    private static ImageSet withConditions(List<GrayImage> images, int[] labels, List<GrayImage> masks,
            List<GrayImage> depths, Condition condition) {
        List<GrayImage> conditions = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            conditions.add(condition.of(images.get(i), masks == null ? null : masks.get(i),
                    depths == null ? null : depths.get(i)));
        }
        return new ImageSet(images, labels, masks, depths, conditions);
    }

    private static List<GrayImage> resize(List<GrayImage> images, int resolution) {
        if (images.isEmpty() || images.get(0).width() == resolution) {
            return images;
        }
        List<GrayImage> out = new ArrayList<>(images.size());
        for (GrayImage image : images) {
            out.add(bilinear(image, resolution));
        }
        return out;
    }

    /** Bilinear resampling with pixel-centre alignment (align_corners=False). */
    static GrayImage bilinear(GrayImage image, int size) {
        float[] out = new float[size * size];
        double sx = (double) image.width() / size;
        double sy = (double) image.height() / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, image.height() - 1);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, image.width() - 1);
                double wx = fx - x0;
                double top = image.get(x0, y0) * (1 - wx) + image.get(x1, y0) * wx;
                double bottom = image.get(x0, y1) * (1 - wx) + image.get(x1, y1) * wx;
                out[y * size + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return new GrayImage(size, size, out);
    }
}
