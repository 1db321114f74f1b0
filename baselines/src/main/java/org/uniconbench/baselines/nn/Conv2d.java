package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A 2-D convolution over {@code [N x C x H x W]} inputs.
 *
 * @param weight {@code [out x in/groups x k x k]}
 * @param bias {@code [out]}
 * @param stride stride in both directions
 * @param padding zero padding in both directions
 * @param groups channel groups (1: dense; the channel count: depthwise)
 */
public record Conv2d(NDArray weight, NDArray bias, int stride, int padding, int groups) {

    /** A dense convolution (one group). */
    public Conv2d(NDArray weight, NDArray bias, int stride, int padding) {
        this(weight, bias, stride, padding, 1);
    }

    /** Applies the convolution; the result lives on the input's manager. */
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride, stride),
                        new Shape(padding, padding), new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    /** Output channels. */
    public int outChannels() {
        return (int) weight.getShape().get(0);
    }
}
