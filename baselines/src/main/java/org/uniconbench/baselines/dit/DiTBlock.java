package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

/**
 * One DiT block with adaLN-Zero conditioning (Peebles and Xie 2023, Fig. 3): attention and an MLP,
 * each on layer-normed tokens modulated by the conditioning, each added back through a gate.
 *
 * <p>Parameters {@code <name>.ada} (6 parts: shift, scale and gate of the attention, then of the
 * MLP; zero at initialisation, so the block starts as the identity), {@code <name>.attn.qkv},
 * {@code <name>.attn.out}, {@code <name>.mlp.fc1} and {@code <name>.mlp.fc2}. The MLP uses
 * PyTorch's exact (erf) GELU where DiT uses its tanh approximation; the two differ by under 1e-3.
 *
 * <p>A block that ends a long skip ({@link DiTConfig#skipSource}) has {@code <name>.skip} too: as in
 * U-ViT's {@code Block}, a linear layer (default initialisation) maps the concatenation
 * {@code [x, skip]} back to the token width before attention. Its input is declared as two parts of
 * the token width, so a narrower copy takes the first channels of each.
 *
 * <p>With {@link DiTConfig#convMlp} the MLP is SegFormer's Mix-FFN: {@code <name>.mlp.dw}, a 3x3
 * depthwise convolution over the {@code grid x grid} token map (tokens in row-major order, as
 * {@link PatchEmbed} makes them), sits between {@code fc1} and the GELU.
 */
final class DiTBlock {

    private final AdaLN ada;
    private final Attention attention;
    private final Dense fc1;
    private final Dense fc2;
    private final Dense skip; // null unless this block ends a long skip
    private final Conv2d depthwise; // null unless the MLP is convolutional
    private final int grid;

    /**
     * Registers the block's parameters.
     *
     * @param layers the layer factory
     * @param name parameter name prefix ({@code block<i>})
     * @param config the architecture
     */
    DiTBlock(Layers layers, String name, DiTConfig config, boolean endsSkip) {
        int hidden = config.hidden();
        this.skip = endsSkip
                ? layers.dense(name + ".skip", 2 * hidden, hidden, false, null, new int[] {hidden, hidden})
                : null;
        this.ada = new AdaLN(layers, name + ".ada", hidden, 6);
        this.attention = new Attention(layers, name + ".attn", hidden, config.heads(), config.headDim());
        this.fc1 = layers.dense(name + ".mlp.fc1", hidden, config.mlpRatio() * hidden);
        this.depthwise = config.convMlp() ? layers.depthwise(name + ".mlp.dw", config.mlpWidth(), 3) : null;
        this.fc2 = layers.dense(name + ".mlp.fc2", config.mlpRatio() * hidden, hidden);
        this.grid = config.grid();
    }

    /** Whether this block ends a long skip (and so needs the skipped tokens). */
    boolean endsSkip() {
        return skip != null;
    }

    /**
     * Applies the block.
     *
     * @param x tokens {@code [N x T x D]}
     * @param c conditioning {@code [N x D]}
     * @param skipped the output of the block this one's long skip starts at, {@code [N x T x D]};
     *     ignored when it {@link #endsSkip() ends none}
     * @return {@code [N x T x D]}
     */
    NDArray forward(NDArray x, NDArray c, NDArray skipped) {
        if (skip != null) {
            x = skip.forward(NDArrays.concat(new NDList(x, skipped), 2));
        }
        NDList m = ada.modulation(c);
        // x + gate1 * Attn(modulate(LN(x), shift1, scale1))
        NDArray h = attention.forward(AdaLN.modulate(ada.normalise(x), m.get(0), m.get(1)));
        x = x.add(h.mul(m.get(2)));
        // x + gate2 * MLP(modulate(LN(x), shift2, scale2))
        h = fc1.forward(AdaLN.modulate(ada.normalise(x), m.get(3), m.get(4)));
        if (depthwise != null) {
            h = mixTokens(h);
        }
        h = fc2.forward(Activation.gelu(h));
        return x.add(h.mul(m.get(5)));
    }

    /** The depthwise convolution over the token map: {@code [N x T x F]} to {@code [N x T x F]}. */
    private NDArray mixTokens(NDArray h) {
        long n = h.getShape().get(0);
        long f = h.getShape().get(2);
        NDArray map = h.reshape(n, grid, grid, f).transpose(0, 3, 1, 2);
        return depthwise.forward(map).transpose(0, 2, 3, 1).reshape(n, (long) grid * grid, f);
    }
}
