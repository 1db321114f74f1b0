package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A 2-D convolution over {@code [N x C x H x W]} inputs.
 *
 * @param weight {@code [out x in x k x k]}
 * @param bias {@code [out]}
 * @param stride stride in both directions
 * @param padding zero padding in both directions
 */
public record Conv2d(NDArray weight, NDArray bias, int stride, int padding) {

    /** Applies the convolution; the result lives on the input's manager. */
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride, stride),
                        new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** Output channels. */
    public int outChannels() {
        return (int) weight.getShape().get(0);
    }
}
