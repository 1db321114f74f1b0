package org.uniconbench.baselines.features;

import ai.djl.Device;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.metrics.GrayImage;

import java.util.List;

/**
 * Fixed random convolutional features: an untrained {@link ConvTower} (3x3 conv + ReLU layers,
 * He-uniform weights drawn in Java from the seed, zero biases, global average pool). The same seed
 * gives the same features on every machine. A second, label-free proxy beside the classifier's
 * features; random convolutional networks are a known, weak but non-trivial image embedding
 * (Jarrett et al. 2009; Saxe et al. 2011, "On random weights and unsupervised feature learning").
 */
public final class RandomConvFeatures implements FeatureExtractor {

    /** Default layer widths; the last is the feature dimension. */
    public static final int[] DEFAULT_CHANNELS = {16, 32, 32};

    /** The seed every harness figure uses, so that FD-random compares across runs, experiments and `unicon eval`. */
    public static final long STANDARD_SEED = 1234;

    private final ParameterSet parameters;
    private final ConvTower tower;
    private final long seed;

    /**
     * Creates the extractor.
     *
     * @param channels output channels per layer
     * @param seed the weights' seed
     * @param device where to compute
     */
    public RandomConvFeatures(int[] channels, long seed, Device device) {
        this.parameters = new ParameterSet(device);
        this.tower = new ConvTower(parameters, "random.conv", channels, new Init(seed), Math.sqrt(6), false);
        this.seed = seed;
    }

    /** The seed of the weights. */
    public long seed() {
        return seed;
    }

    @Override
    public float[][] features(List<GrayImage> images) {
        return ConvTower.rowsInBatches(parameters.manager(), images, tower::forward);
    }

    @Override
    public int dimension() {
        return tower.dimension();
    }

    @Override
    public void close() {
        parameters.close();
    }
}
