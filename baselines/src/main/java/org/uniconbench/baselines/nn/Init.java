package org.uniconbench.baselines.nn;

import java.util.SplittableRandom;

/**
 * Deterministic parameter initialisation from a Java random stream.
 *
 * <p>Values are drawn in Java, not by the engine, so the same seed gives bit-identical weights on
 * every device and engine version. Uniform(-1/sqrt(fanIn), 1/sqrt(fanIn)) is PyTorch's default
 * for convolutions and linear layers.
 */
public final class Init {

    private final SplittableRandom random;

    /**
     * Creates an initialiser.
     *
     * @param seed the seed of its random stream
     */
    public Init(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** PyTorch's default: uniform in +-1/sqrt(fanIn). */
    public float[] uniform(int count, int fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** All zeros (the "zero" in zero conv, ZeroFT and the hint encoder's last layer). */
    public static float[] zeros(int count) {
        return new float[count];
    }

    /** All ones (GroupNorm scale). */
    public static float[] ones(int count) {
        float[] values = new float[count];
        java.util.Arrays.fill(values, 1f);
        return values;
    }
}
