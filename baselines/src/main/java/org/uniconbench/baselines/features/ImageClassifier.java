package org.uniconbench.baselines.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.metrics.GrayImage;

import java.util.List;

/**
 * A small CNN classifier on the dataset's labels (shape kinds, Fashion-MNIST classes) whose
 * penultimate layer serves as a feature space for Frechet distance and KID, as Inception-v3's
 * pool layer does for FID (Heusel et al. 2017) and KID (Binkowski et al. 2018). Being trained on
 * a few thousand tiny images, it is a domain-specific proxy: distances on it are not FID.
 *
 * <pre>
 * [N x 1 x H x W] in [0, 1]
 *   -> ConvTower (3x3 conv + ReLU per channel entry, stride 2 after the first) -> global average pool
 *   -> dense(hidden) + ReLU                  = features(), [N x hidden]
 *   -> dense(classes)                        = logits
 * </pre>
 */
public final class ImageClassifier implements FeatureExtractor {

    private final ParameterSet parameters;
    private final ConvTower tower;
    private final Dense hidden;
    private final Dense output;
    private final Recipe recipe;
    private final int classes;

    /**
     * Architecture and training budget: everything that shapes the trained weights besides data.
     *
     * @param channels conv widths
     * @param hidden penultimate width (the feature dimension)
     * @param steps training steps
     * @param batchSize images per step
     * @param learningRate Adam step size
     * @param seed initialisation and batch seed
     */
    public record Recipe(List<Integer> channels, int hidden, int steps, int batchSize, double learningRate,
            long seed) {

        /** Copies the list. */
        public Recipe {
            channels = List.copyOf(channels);
        }

        /**
         * The harness's recipe: 800 steps of 32 images, about 6 s on two CPU cores at 32
         * pixels, enough for a clear majority of held-out shapes (see the tests for the floor).
         */
        public static Recipe defaults(long seed) {
            return new Recipe(List.of(16, 32, 32), 32, 800, 32, 3e-3, seed);
        }

        /** A stable one-line description, part of the cache key. */
        public String canonical() {
            return "channels=" + channels + ",hidden=" + hidden + ",steps=" + steps + ",batch=" + batchSize
                    + ",lr=" + learningRate + ",seed=" + seed;
        }
    }

    /**
     * Creates an untrained classifier.
     *
     * @param classes number of labels
     * @param recipe architecture (and, for the trainer, budget)
     * @param device where it lives
     */
    public ImageClassifier(int classes, Recipe recipe, Device device) {
        this.parameters = new ParameterSet(device);
        this.recipe = recipe;
        this.classes = classes;
        Init init = new Init(recipe.seed());
        int[] channels = recipe.channels().stream().mapToInt(Integer::intValue).toArray();
        this.tower = new ConvTower(parameters, "classifier.conv", channels, init, 1.0, true);
        Layers layers = new Layers(parameters, init, true);
        this.hidden = layers.dense("classifier.hidden", tower.dimension(), recipe.hidden());
        this.output = layers.dense("classifier.out", recipe.hidden(), classes);
    }

    /** The parameters (all trainable). */
    public ParameterSet parameters() {
        return parameters;
    }

    /** The recipe it was built with. */
    public Recipe recipe() {
        return recipe;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Penultimate features, {@code [N x 1 x H x W] -> [N x hidden]}, on {@code x}'s manager. */
    NDArray embed(NDArray x) {
        return Activation.relu(hidden.forward(tower.forward(x)));
    }

    /** Class scores, {@code [N x 1 x H x W] -> [N x classes]}, on {@code x}'s manager. */
    NDArray logits(NDArray x) {
        return output.forward(embed(x));
    }

    @Override
    public float[][] features(List<GrayImage> images) {
        return ConvTower.rowsInBatches(parameters.manager(), images, this::embed);
    }

    /**
     * The predicted class of each image (arg max of the logits).
     *
     * @param images images in [0, 1]
     * @return one label per image
     */
    public int[] predict(List<GrayImage> images) {
        float[][] scores = ConvTower.rowsInBatches(parameters.manager(), images, this::logits);
        int[] out = new int[images.size()];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Fraction of images whose predicted class is their label.
     *
     * @param images images in [0, 1]
     * @param labels their labels
     * @return accuracy in [0, 1]
     */
    public double accuracy(List<GrayImage> images, int[] labels) {
        int[] predicted = predict(images);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    @Override
    public int dimension() {
        return recipe.hidden();
    }

    @Override
    public void close() {
        parameters.close();
    }
}
