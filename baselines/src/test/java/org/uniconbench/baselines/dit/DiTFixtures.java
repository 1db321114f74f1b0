package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.BlockHook;

import java.util.List;
import java.util.SplittableRandom;

/** Small DiTs for the tests. */
final class DiTFixtures {

    private DiTFixtures() {
    }

    /** 16x16 images, 4x4 patches (16 tokens), width 32, 2 blocks of 4 heads (8 dimensions each). */
    static DiTConfig tiny() {
        return new DiTConfig(16, 1, 4, 32, 2, 4, 2, 16);
    }

    /** A DiT with its own parameters, usable wherever a {@link Denoiser} is. */
    static final class Model implements Denoiser, AutoCloseable {

        final ParameterSet parameters;
        final DiT net;

        Model(DiTConfig config, long seed, boolean trainable) {
            this.parameters = new ParameterSet(Device.cpu());
            this.net = new DiT(config, new Layers(parameters, new Init(seed), trainable));
        }

        @Override
        public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
            return net.forward(noisy, timesteps, BlockHook.NONE);
        }

        @Override
        public List<ParameterSet.Parameter> trainableParameters() {
            return parameters.trainable();
        }

        @Override
        public void close() {
            parameters.close();
        }
    }

    /**
     * Gives every all-zero parameter (adaLN-Zero projections, the output head) small random
     * values, as a little training would, so that every branch contributes and every parameter
     * gets a gradient.
     *
     * @param parameters the set to change
     * @param seed the values' seed
     * @return the number of parameters changed
     */
    static int nudgeZeroParameters(ParameterSet parameters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int nudged = 0;
        for (ParameterSet.Parameter p : parameters.all()) {
            float[] values = p.array().toFloatArray();
            boolean allZero = true;
            for (float v : values) {
                allZero &= v == 0f;
            }
            if (!allZero) {
                continue;
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (0.05 * random.nextGaussian());
            }
            parameters.set(p.name(), values);
            nudged++;
        }
        return nudged;
    }
}
