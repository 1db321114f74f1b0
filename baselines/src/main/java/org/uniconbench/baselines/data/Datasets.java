package org.uniconbench.baselines.data;

import org.uniconbench.metrics.GrayImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the train and evaluation splits of a dataset with their conditions. */
public final class Datasets {

    /** Which dataset. */
    public enum Kind {
        /** Procedural shapes with exact masks; needs no data. */
        SHAPES,
        /** Fashion-MNIST from Debian's package or a folder. */
        FASHION_MNIST
    }

    /**
     * The two splits.
     *
     * @param train training examples
     * @param eval held-out examples, used for samples and metrics
     */
    public record Splits(ImageSet train, ImageSet eval) {
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
    public static Splits load(Kind kind, int resolution, int trainSize, int evalSize, Path folder,
            long seed, Condition condition) {
        return switch (kind) {
            case SHAPES -> {
                ShapesDataset.Raw train = ShapesDataset.generate(trainSize, resolution, seed);
                ShapesDataset.Raw eval = ShapesDataset.generate(evalSize, resolution, seed ^ 0x5eed5eedL);
                yield new Splits(withConditions(train.images(), train.labels(), train.masks(), condition),
                        withConditions(eval.images(), eval.labels(), eval.masks(), condition));
            }
            case FASHION_MNIST -> {
                Path dir = folder == null ? Path.of(FashionMnist.DEFAULT_FOLDER) : folder;
                FashionMnist.Raw train = FashionMnist.read(dir, true, trainSize);
                FashionMnist.Raw eval = FashionMnist.read(dir, false, evalSize);
                yield new Splits(
                        withConditions(resize(train.images(), resolution), train.labels(), null, condition),
                        withConditions(resize(eval.images(), resolution), eval.labels(), null, condition));
            }
        };
    }

    private static ImageSet withConditions(List<GrayImage> images, int[] labels, List<GrayImage> masks,
            Condition condition) {
        List<GrayImage> conditions = new ArrayList<>(images.size());
        for (GrayImage image : images) {
            conditions.add(condition.of(image));
        }
        return new ImageSet(images, labels, masks, conditions);
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
