package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018), written with DJL operations
 * because DJL's PyTorch engine has no GroupNorm block.
 *
 * <p>Channels are split into {@code groups}; each group of each sample is normalised to zero mean
 * and unit (biased) variance, then scaled and shifted per channel, as {@code torch.nn.GroupNorm}.
 *
 * @param gamma per-channel scale, {@code [1 x C x 1 x 1]}
 * @param beta per-channel shift, {@code [1 x C x 1 x 1]}
 * @param groups number of groups
 */
public record GroupNorm(NDArray gamma, NDArray beta, int groups) {

    /** PyTorch's default epsilon. */
    public static final float EPSILON = 1e-5f;

    /** Normalises {@code [N x C x H x W]}; the result lives on the input's manager. */
    public NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        // [N, G, C/G * H * W]: each row is one group of one sample
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        // per-group mean and biased variance
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        // normalise, restore the image shape
        NDArray normalised = centred.div(variance.add(EPSILON).sqrt()).reshape(shape);
        // per-channel affine transform
        return normalised.mul(gamma).add(beta);
    }
}
