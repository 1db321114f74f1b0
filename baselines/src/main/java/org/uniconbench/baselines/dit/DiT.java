package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.Scopes;
import org.uniconbench.baselines.unet.BlockHook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * A Diffusion Transformer that predicts the noise in {@code x_t} (Peebles and Xie, "Scalable
 * Diffusion Models with Transformers", ICCV 2023; layout after facebookresearch/DiT's models.py,
 * without class conditioning and without the learned variance).
 *
 * <p>The pass: {@link #embedTime} (the conditioning {@code c}), {@link #embed} (patch tokens),
 * {@link #block} for every block, {@link #finalLayer}. Named block outputs, all
 * {@code [N x T x D]} tokens, go through a {@link BlockHook}: {@code embed}, then
 * {@code block0 .. block<depth-1>}. Parameter names: {@code time.fc1}, {@code time.fc2},
 * {@code embed.proj}, {@code block<i>.ada}, {@code block<i>.attn.qkv}, {@code block<i>.attn.out},
 * {@code block<i>.mlp.fc1}, {@code block<i>.mlp.fc2}, {@code final.ada}, {@code final.proj} (each
 * with {@code .weight} and {@code .bias}); a copy built from {@link DiTConfig#scaled} is initialised
 * from the backbone by name. With {@link DiTConfig#longSkips} the last blocks also have
 * {@code block<j>.skip} and read the (hooked) output of block {@link DiTConfig#skipSource}(j); with
 * {@link DiTConfig#convMlp} every block has {@code block<i>.mlp.dw} too.
 */
public final class DiT {

    private final DiTConfig config;
    private final Dense time1;
    private final Dense time2;
    private final NDArray frequencies; // [1, timeFeatures / 2] constant
    private final PatchEmbed patchEmbed;
    private final Map<Integer, DiTBlock> blocks = new LinkedHashMap<>();
    private final FinalLayer finalLayer;
    private final Map<String, Integer> blockChannels = new LinkedHashMap<>();
    private boolean scoped = true;

    /**
     * Registers every parameter of the network with {@code layers}.
     *
     * @param config the architecture
     * @param layers the layer factory (decides trainable or frozen)
     */
    public DiT(DiTConfig config, Layers layers) {
        this(config, layers, null, true, true);
    }

    /**
     * A partial copy for an adapter: the time MLP, the listed blocks, and optionally the patch
     * embedding and the output head; the same parameter names as the whole network.
     *
     * @param config the architecture (depth counts every block, copied or not)
     * @param layers the layer factory
     * @param copied indices of the blocks to build
     * @param withEmbed whether to build the patch embedding
     * @param withFinal whether to build the output head
     * @return the partial network; calling a part it lacks throws
     */
    public static DiT partial(DiTConfig config, Layers layers, Set<Integer> copied, boolean withEmbed,
            boolean withFinal) {
        return new DiT(config, layers, copied, withEmbed, withFinal);
    }

    private DiT(DiTConfig config, Layers layers, Set<Integer> copied, boolean withEmbed, boolean withFinal) {
        this.config = config;
        int hidden = config.hidden();
        time1 = layers.dense("time.fc1", config.timeFeatures(), hidden);
        time2 = layers.dense("time.fc2", hidden, hidden);
        int half = config.timeFeatures() / 2;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            f[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        frequencies = layers.constant(new Shape(1, half), f);
        patchEmbed = withEmbed ? new PatchEmbed(config, layers) : null;
        blockChannels.put("embed", hidden);
        for (int i = 0; i < config.depth(); i++) {
            if (copied == null || copied.contains(i)) {
                blocks.put(i, new DiTBlock(layers, "block" + i, config, config.skipSource(i) >= 0));
                blockChannels.put("block" + i, hidden);
            }
        }
        finalLayer = withFinal ? new FinalLayer(layers, config) : null;
    }

    /** The architecture. */
    public DiTConfig config() {
        return config;
    }

    /** Number of transformer blocks of the whole network (a partial copy builds some of them). */
    public int depth() {
        return config.depth();
    }

    /** Token width of every named block's output, in execution order. */
    public Map<String, Integer> blockChannels() {
        return Collections.unmodifiableMap(blockChannels);
    }

    /**
     * The conditioning: sinusoidal features of the timestep ({@code [cos, sin]}, as the U-Net's),
     * then a two-layer MLP with a SiLU between. Every adaLN applies its own SiLU to it.
     *
     * @param timesteps {@code [N]} float timesteps
     * @return {@code c}, {@code [N x D]}, on the timesteps' manager
     */
    public NDArray embedTime(NDArray timesteps) {
        NDArray angles = timesteps.reshape(-1, 1).mul(frequencies);
        NDArray features = NDArrays.concat(new NDList(angles.cos(), angles.sin()), 1);
        return time2.forward(Layers.silu(time1.forward(features)));
    }

    /**
     * Patch tokens with position embedding.
     *
     * @param x noisy images {@code [N x C x H x W]}
     * @return tokens {@code [N x T x D]} on x's manager
     */
    public NDArray embed(NDArray x) {
        if (patchEmbed == null) {
            throw new IllegalStateException("this copy has no patch embedding");
        }
        return scoped ? Scopes.block(x, patchEmbed::forward) : patchEmbed.forward(x);
    }

    /** The position code the embedding adds, {@code [1 x T x hidden]} (for tests). */
    NDArray positionCode() {
        if (patchEmbed == null) {
            throw new IllegalStateException("this copy has no patch embedding");
        }
        return patchEmbed.position();
    }

    /**
     * One transformer block without a long skip.
     *
     * @param index block index, 0..depth-1
     * @param tokens {@code [N x T x D]}
     * @param c output of {@link #embedTime}
     * @return {@code [N x T x D]} on the tokens' manager
     */
    public NDArray block(int index, NDArray tokens, NDArray c) {
        return block(index, tokens, c, null);
    }

    /**
     * One transformer block.
     *
     * @param index block index, 0..depth-1
     * @param tokens {@code [N x T x D]}
     * @param c output of {@link #embedTime}
     * @param skipped when the block ends a long skip, the tokens after block
     *     {@link DiTConfig#skipSource}(index), {@code [N x T x D]}; otherwise ignored (may be null)
     * @return {@code [N x T x D]} on the tokens' manager
     */
    public NDArray block(int index, NDArray tokens, NDArray c, NDArray skipped) {
        DiTBlock b = blocks.get(index);
        if (b == null) {
            throw new IllegalStateException("block " + index + " is not part of this copy");
        }
        if (b.endsSkip() && skipped == null) {
            throw new IllegalArgumentException("block " + index + " ends a long skip: pass the output of block "
                    + config.skipSource(index));
        }
        return run(tokens, c, (in, cond) -> b.forward(in, cond, skipped));
    }

    /**
     * The output head: adaptive norm, projection to patches, patches to an image.
     *
     * @param tokens {@code [N x T x D]}
     * @param c output of {@link #embedTime}
     * @return predicted noise {@code [N x C x H x W]} on the tokens' manager
     */
    public NDArray finalLayer(NDArray tokens, NDArray c) {
        if (finalLayer == null) {
            throw new IllegalStateException("this copy has no output head");
        }
        return run(tokens, c, finalLayer::forward);
    }

    /**
     * The whole pass.
     *
     * @param x noisy images {@code [N x C x H x W]}
     * @param timesteps {@code [N]} float timesteps
     * @param hook sees (and may replace) the tokens after the embedding and after every block
     * @return the predicted noise {@code [N x C x H x W]}
     */
    public NDArray forward(NDArray x, NDArray timesteps, BlockHook hook) {
        NDArray c = embedTime(timesteps);
        NDArray tokens = hook.after("embed", embed(x));
        NDArray[] outputs = new NDArray[config.depth()];
        for (int i = 0; i < config.depth(); i++) {
            int source = config.skipSource(i);
            tokens = hook.after("block" + i, block(i, tokens, c, source < 0 ? null : outputs[source]));
            outputs[i] = tokens;
        }
        return finalLayer(tokens, c);
    }

    /**
     * Switches per-block scopes on (the default) or off; off keeps every intermediate until the
     * caller's manager closes, which only tests comparing the two should want.
     *
     * @param on whether the embedding, each block and the head run in their own NDManager
     */
    public void setBlockScopes(boolean on) {
        this.scoped = on;
    }

    /**
     * One block in its own scope. The conditioning is lent to the scope too, so that what the
     * block derives from it (SiLU, modulation vectors) is released with the block's other
     * intermediates instead of accumulating on the caller's manager.
     */
    private NDArray run(NDArray tokens, NDArray c, BinaryOperator<NDArray> block) {
        if (!scoped) {
            return block.apply(tokens, c);
        }
        return Scopes.block(tokens, in -> {
            if (c.getManager() != in.getManager()) {
                c.tempAttach(in.getManager());
            }
            return block.apply(in, c);
        });
    }
}
