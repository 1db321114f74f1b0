package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

/**
 * DiT's output head: adaptive layer norm (shift and scale from the conditioning), then a linear
 * map of every token to its patch's pixels, then the patches reassembled into an image.
 *
 * <p>Parameters {@code final.ada} (2 parts) and {@code final.proj}, both zero at initialisation,
 * so the untrained network predicts exactly zero noise.
 */
final class FinalLayer {

    private final DiTConfig config;
    private final AdaLN ada;
    private final Dense projection;

    /**
     * Registers the head's parameters.
     *
     * @param layers the layer factory
     * @param config the architecture
     */
    FinalLayer(Layers layers, DiTConfig config) {
        this.config = config;
        this.ada = new AdaLN(layers, "final.ada", config.hidden(), 2);
        this.projection = layers.zeroDense("final.proj", config.hidden(), config.patchValues(), null);
    }

    /**
     * Maps tokens to the predicted noise.
     *
     * @param x tokens {@code [N x T x D]}
     * @param c conditioning {@code [N x D]}
     * @return {@code [N x C x H x W]}
     */
    NDArray forward(NDArray x, NDArray c) {
        NDList m = ada.modulation(c);
        NDArray patches = projection.forward(AdaLN.modulate(ada.normalise(x), m.get(0), m.get(1)));
        return PatchEmbed.unpatchify(patches, config.patch(), config.imageChannels());
    }
}
