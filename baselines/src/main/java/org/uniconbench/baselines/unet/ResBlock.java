package org.uniconbench.baselines.unet;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.GroupNorm;
import org.uniconbench.baselines.nn.Layers;

/**
 * A residual block conditioned on the time embedding (improved-diffusion's ResBlock without
 * dropout or scale-shift norm).
 */
final class ResBlock {

    /** Creates the block's GroupNorms: the network decides their groups. */
    @FunctionalInterface
    interface Norms {
        /**
         * A GroupNorm registered under {@code name}.
         *
         * @param name parameter name prefix
         * @param parts sizes of its concatenated input parts (one entry when not concatenated)
         * @return the layer
         */
        GroupNorm create(String name, int[] parts);
    }

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Dense timeProjection;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut; // null when in == out

    /**
     * Registers the block's parameters.
     *
     * @param layers the layer factory
     * @param norms the GroupNorm factory
     * @param name name prefix
     * @param inSegments sizes of the concatenated inputs (one entry unless a decoder skip is
     *     concatenated)
     * @param out output channels
     * @param timeDim width of the time embedding
     */
    ResBlock(Layers layers, Norms norms, String name, int[] inSegments, int out, int timeDim) {
        int in = java.util.Arrays.stream(inSegments).sum();
        int[] seg = inSegments.length > 1 ? inSegments : null;
        norm1 = norms.create(name + ".norm1", inSegments);
        conv1 = layers.conv(name + ".conv1", in, out, 3, 1, false, seg);
        timeProjection = layers.dense(name + ".time", timeDim, out);
        norm2 = norms.create(name + ".norm2", new int[] {out});
        conv2 = layers.conv3(name + ".conv2", out, out);
        shortcut = in == out ? null : layers.conv(name + ".skip", in, out, 1, 1, false, seg);
    }

    /**
     * Applies the block.
     *
     * @param x {@code [N x in x H x W]}
     * @param timeEmbedding SiLU of the time embedding, {@code [N x timeDim]}
     * @return {@code [N x out x H x W]}
     */
    NDArray forward(NDArray x, NDArray timeEmbedding) {
        // first half: norm, SiLU, conv
        NDArray h = conv1.forward(Layers.silu(norm1.forward(x)));
        // add the projected time embedding per channel
        NDArray t = timeProjection.forward(timeEmbedding);
        h = h.add(t.reshape(t.getShape().get(0), t.getShape().get(1), 1, 1));
        // second half: norm, SiLU, conv
        h = conv2.forward(Layers.silu(norm2.forward(h)));
        // residual connection
        return (shortcut == null ? x : shortcut.forward(x)).add(h);
    }
}
