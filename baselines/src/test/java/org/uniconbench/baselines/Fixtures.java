package org.uniconbench.baselines;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.List;
import java.util.SplittableRandom;

/** Small models and inputs shared by the tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * One intra-op thread for PyTorch. The tiny test models gain nothing from more, and on shared
     * cores OpenMP threads that wait for a descheduled peer made single steps 100x slower. Call it
     * from a {@code @BeforeAll}; it loads the engine first.
     */
    public static void singleThreaded() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            JniUtils.setNumThreads(1);
        }
    }

    /** A tiny two-level U-Net with two residual blocks per level. */
    public static UNetConfig tinyConfig() {
        return new UNetConfig(List.of(16, 32), 2, 8, 1, true);
    }

    /** A frozen backbone with random (not pre-trained) weights. */
    public static Backbone frozenBackbone(long seed) {
        return new Backbone(tinyConfig(), Device.cpu(), seed, false);
    }

    /** Standard normal values of the given shape from a Java stream. */
    public static NDArray gaussian(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /** Uniform [0, 1) values of the given shape. */
    public static NDArray uniform(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        return manager.create(values, shape);
    }
}
