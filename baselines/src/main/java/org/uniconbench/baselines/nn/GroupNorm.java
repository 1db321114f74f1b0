package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018), written with DJL operations
 * because DJL's PyTorch engine has no GroupNorm block.
 *
 * <p>Channels are split into consecutive groups ({@link GroupLayout}); each group of each sample
 * is normalised to zero mean and unit (biased) variance, then scaled and shifted per channel, as
 * {@code torch.nn.GroupNorm}. The unequal groups of a sliced adapter copy average through a
 * constant {@code [C x C]} matrix.
 *
 * <p>Equal groups (every backbone): DJL's PyTorch engine reaches no {@code group_norm}, but a group
 * of a sample is one row of {@code [N, G, C/G * H * W]}, and PyTorch's fused {@code layer_norm} over
 * that row is exactly the normalisation: one kernel (and one backward node) where the definition
 * spelled out takes seven small operations; the per-channel affine follows. The two forms agree
 * within float rounding, values and gradients (GroupNormTest). In a PyTorch replica of the
 * quickstart, fused {@code group_norm} saved 14-21% of a training step and this {@code layer_norm}
 * form about 70% of that (../shared/reference/step-time-measurements.md).
 */
public final class GroupNorm {

    /** PyTorch's default epsilon. */
    public static final float EPSILON = 1e-5f;

    private final NDArray gamma;
    private final NDArray beta;
    private final GroupLayout layout;
    private final NDArray averaging; // [C x C] constant, null for equal groups

    /**
     * Equal groups.
     *
     * @param gamma per-channel scale, {@code [1 x C x 1 x 1]}
     * @param beta per-channel shift, {@code [1 x C x 1 x 1]}
     * @param groups number of groups; divides C
     */
    public GroupNorm(NDArray gamma, NDArray beta, int groups) {
        this(gamma, beta, GroupLayout.uniform((int) gamma.getShape().get(1), groups), null);
    }

    /**
     * Any consecutive groups.
     *
     * @param gamma per-channel scale, {@code [1 x C x 1 x 1]}
     * @param beta per-channel shift, {@code [1 x C x 1 x 1]}
     * @param layout the groups
     * @param averaging for unequal groups, {@link #averagingMatrix} of the layout as a constant
     *     array (it must outlive every graph that uses it); null for equal groups
     */
    public GroupNorm(NDArray gamma, NDArray beta, GroupLayout layout, NDArray averaging) {
        if (layout.channels() != gamma.getShape().get(1)) {
            throw new IllegalArgumentException(layout + " does not cover " + gamma.getShape().get(1) + " channels");
        }
        if (!layout.isUniform() && averaging == null) {
            throw new IllegalArgumentException("unequal groups " + layout + " need an averaging matrix");
        }
        this.gamma = gamma;
        this.beta = beta;
        this.layout = layout;
        this.averaging = layout.isUniform() ? null : averaging;
    }

    /** The groups. */
    public GroupLayout layout() {
        return layout;
    }

    /**
     * Row-major {@code [C x C]} values: {@code 1 / size(g)} where both channels are in group g, 0
     * elsewhere. Per-channel means times it are the per-channel values of their group's mean
     * (every channel has the same number of pixels).
     *
     * @param layout the groups
     * @return the matrix
     */
    public static float[] averagingMatrix(GroupLayout layout) {
        int c = layout.channels();
        int[] groupOf = layout.groupOfChannel();
        int[] sizes = layout.sizes();
        float[] m = new float[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                if (groupOf[i] == groupOf[j]) {
                    m[i * c + j] = 1f / sizes[groupOf[i]];
                }
            }
        }
        return m;
    }

    /** Normalises {@code [N x C x H x W]}; the result lives on the input's manager. */
    public NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        if (averaging == null) {
            long perGroup = shape.size() / (shape.get(0) * layout.count());
            // [N, G, C/G * H * W]: each row is one group of one sample
            NDArray grouped = x.reshape(shape.get(0), layout.count(), perGroup);
            // each row to zero mean, unit biased variance (fused layer_norm, no affine), image shape back
            NDArray[] identity = NormIdentity.of(x, perGroup);
            NDArray normalised = grouped.getNDArrayInternal()
                    .layerNorm(grouped, new Shape(perGroup), identity[0], identity[1], EPSILON)
                    .singletonOrThrow()
                    .reshape(shape);
            // per-channel affine transform
            return normalised.mul(gamma).add(beta);
        }
        long n = shape.get(0);
        long c = shape.get(1);
        // per-channel means [N, C] (DJL's PyTorch mean takes one axis), averaged within each group, back to [N, C, 1, 1]
        NDArray mean = x.reshape(n, c, -1).mean(new int[] {2}).matMul(averaging).reshape(n, c, 1, 1);
        NDArray centred = x.sub(mean);
        // the group's biased variance: the mean over its channels of each channel's mean square
        NDArray variance = centred.square().reshape(n, c, -1).mean(new int[] {2}).matMul(averaging).reshape(n, c, 1, 1);
        NDArray normalised = centred.div(variance.add(EPSILON).sqrt());
        return normalised.mul(gamma).add(beta);
    }
}
