package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;

/**
 * A fully connected layer over {@code [N x in]} inputs.
 *
 * @param weight {@code [out x in]}
 * @param bias {@code [out]}
 */
public record Dense(NDArray weight, NDArray bias) {

    /** Applies {@code x W^T + b}; the result lives on the input's manager. */
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
}
