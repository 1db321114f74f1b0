package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018).
 *
 * <p>Channels are split into {@code groups}; each group of each sample is normalised to zero mean
 * and unit (biased) variance, then scaled and shifted per channel, as {@code torch.nn.GroupNorm}.
 *
 * <p>DJL's PyTorch engine reaches no {@code group_norm}, but a group of a sample is one row of
 * {@code [N, G, C/G * H * W]}, and PyTorch's fused {@code layer_norm} over that row is exactly the
 * normalisation: one kernel (and one backward node) where the definition spelled out takes seven
 * small operations (mean, subtract, square, mean, add, square root, divide); the per-channel
 * affine follows. The two forms agree within float rounding, values and gradients (GroupNormTest). In a
 * PyTorch replica of the quickstart, fused {@code group_norm} saved 14-21% of a training step and
 * this {@code layer_norm} form about 70% of that (../shared/reference/step-time-measurements.md).
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
        long perGroup = shape.size() / (shape.get(0) * groups);
        // [N, G, C/G * H * W]: each row is one group of one sample
        NDArray grouped = x.reshape(shape.get(0), groups, perGroup);
        // each row to zero mean, unit biased variance (fused layer_norm, no affine), image shape back
        NDArray[] identity = NormIdentity.of(x, perGroup);
        NDArray normalised = grouped.getNDArrayInternal()
                .layerNorm(grouped, new Shape(perGroup), identity[0], identity[1], EPSILON)
                .singletonOrThrow()
                .reshape(shape);
        // per-channel affine transform
        return normalised.mul(gamma).add(beta);
    }
}
