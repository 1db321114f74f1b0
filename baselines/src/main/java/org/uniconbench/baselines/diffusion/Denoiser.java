package org.uniconbench.baselines.diffusion;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.List;

/**
 * A network that predicts the noise in a noisy image (epsilon prediction), optionally steered by a
 * condition image. The backbone during pre-training, and every adapted model, is one.
 */
public interface Denoiser {

    /**
     * Predicts the noise.
     *
     * @param noisy {@code x_t}, {@code [N x C x H x W]} in the model's [-1, 1] scale
     * @param timesteps {@code [N]} float timesteps in [0, T)
     * @param condition {@code [N x 1 x H x W]} condition image, or null where unused
     * @return predicted noise, the shape of {@code noisy}
     */
    NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition);

    /** The parameters the optimiser updates. */
    List<ParameterSet.Parameter> trainableParameters();
}
