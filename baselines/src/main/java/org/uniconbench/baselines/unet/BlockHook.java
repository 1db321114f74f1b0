package org.uniconbench.baselines.unet;

import ai.djl.ndarray.NDArray;

/**
 * Called with the output of every named block of a U-Net pass; returns the feature the pass
 * continues with. This is where adapters attach: a hint added after the input convolution,
 * UniCon's connectors after every block, or a tap that records the backbone's features.
 */
@FunctionalInterface
public interface BlockHook {

    /** Leaves every feature unchanged. */
    BlockHook NONE = (key, feature) -> feature;

    /**
     * Observes or replaces one block's output.
     *
     * @param key the block's name ({@code in}, {@code enc0.res0}, {@code enc0.down},
     *     {@code mid.res1}, {@code dec1.res0}, {@code dec1.up})
     * @param feature its output {@code [N x C x H x W]}
     * @return the feature to continue with
     */
    NDArray after(String key, NDArray feature);
}
