package org.uniconbench.baselines.cost;

import org.uniconbench.baselines.dit.DiTConfig;

import java.util.Set;

/**
 * The DiT ({@code dit/DiT}, {@code DiTBlock}, {@code Attention}, {@code AdaLN}, {@code FinalLayer},
 * {@code PatchEmbed}) as sizes: parameter counts of a whole or partial copy and the forward pass on
 * a {@link Graph}, one call per operation in the same order and the same block scopes.
 */
final class DiTWalk {

    private final DiTConfig config;
    private final Graph g;
    private final long n;
    private final boolean trainable;

    /**
     * @param config the architecture
     * @param g the graph
     * @param n batch size
     * @param trainable whether its weights are trained
     */
    DiTWalk(DiTConfig config, Graph g, long n, boolean trainable) {
        this.config = config;
        this.g = g;
        this.n = n;
        this.trainable = trainable;
    }

    /** Parameters of one transformer block of width {@code d}, attention {@code a = heads x headDim} wide. */
    static long block(DiTConfig c) {
        int d = c.hidden();
        int a = c.attentionWidth();
        int hiddenMlp = c.mlpRatio() * d;
        long depthwise = c.convMlp() ? hiddenMlp * 9L + hiddenMlp : 0; // [F x 1 x 3 x 3] and a bias
        return UNetWalk.dense(d, 6 * d) + UNetWalk.dense(d, 3 * a) + UNetWalk.dense(a, d)
                + UNetWalk.dense(d, hiddenMlp) + depthwise + UNetWalk.dense(hiddenMlp, d);
    }

    /**
     * Parameters of {@code DiT.partial(config, layers, copied, withEmbed, withFinal)}.
     *
     * @param copied blocks built, or null for all
     */
    static long parameters(DiTConfig c, Set<Integer> copied, boolean withEmbed, boolean withFinal) {
        int d = c.hidden();
        long total = UNetWalk.dense(c.timeFeatures(), d) + UNetWalk.dense(d, d);
        if (withEmbed) {
            total += UNetWalk.dense(c.patchValues(), d);
        }
        for (int i = 0; i < c.depth(); i++) {
            if (copied == null || copied.contains(i)) {
                total += block(c) + (c.skipSource(i) >= 0 ? UNetWalk.dense(2 * d, d) : 0);
            }
        }
        if (withFinal) {
            total += UNetWalk.dense(d, 2 * d) + UNetWalk.dense(d, c.patchValues());
        }
        return total;
    }

    private long rows() {
        return n * config.tokens();
    }

    /** {@code DiT.embedTime}: {@code c}, {@code [n x D]}. */
    Graph.Tensor embedTime() {
        int d = config.hidden();
        Graph.Tensor features = g.input(n * config.timeFeatures());
        return g.linear(g.silu(g.linear(features, n, config.timeFeatures(), d, trainable)), n, d, d, trainable);
    }

    /** {@code DiT.embed}: patchify (a copy), project, add the position table. */
    Graph.Tensor embed(Graph.Tensor image) {
        return g.block(() -> g.add(g.linear(g.expand(image, 1), rows(), config.patchValues(), config.hidden(),
                trainable), g.constant(config.tokens() * (long) config.hidden())));
    }

    /**
     * {@code DiT.block}: one adaLN-Zero transformer block in its own scope.
     *
     * @param skipped the long skip's tokens when the block ends one, else null
     */
    Graph.Tensor block(Graph.Tensor input, Graph.Tensor c, Graph.Tensor skipped) {
        return g.block(() -> {
            int d = config.hidden();
            Graph.Tensor x = skipped == null ? input
                    : g.linear(g.concat(input, skipped), rows(), 2 * d, d, trainable);
            Graph.Tensor[] m = modulation(c, 6);
            // x + gate1 * Attn(modulate(LN(x)))
            Graph.Tensor h = attention(modulate(g.layerNorm(x), m[0], m[1]));
            Graph.Tensor x1 = g.add(x, g.mul(h, m[2]));
            // x + gate2 * MLP(modulate(LN(x)))
            Graph.Tensor f = g.linear(modulate(g.layerNorm(x1), m[3], m[4]), rows(), d, config.mlpRatio() * d,
                    trainable);
            if (config.convMlp()) { // the depthwise conv reads a view of f; its output is copied back to tokens
                f = g.expand(g.conv(f, n, 1, config.grid(), config.grid(), config.mlpWidth(), 3, 1, trainable), 1);
            }
            h = g.linear(g.gelu(f), rows(), config.mlpRatio() * d, d, trainable);
            return g.add(x1, g.mul(h, m[5]));
        });
    }

    /** {@code DiT.finalLayer}: adaptive norm, projection to patch values, unpatchify (a copy). */
    Graph.Tensor finalLayer(Graph.Tensor x, Graph.Tensor c) {
        return g.block(() -> {
            Graph.Tensor[] m = modulation(c, 2);
            Graph.Tensor p = g.linear(modulate(g.layerNorm(x), m[0], m[1]), rows(), config.hidden(),
                    config.patchValues(), trainable);
            return g.expand(p, 1);
        });
    }

    /** {@code AdaLN.modulation}: SiLU of c, one zero linear to {@code parts} vectors (views of one tensor). */
    private Graph.Tensor[] modulation(Graph.Tensor c, int parts) {
        int d = config.hidden();
        Graph.Tensor projected = g.linear(g.silu(c), n, d, parts * d, trainable);
        Graph.Tensor[] out = new Graph.Tensor[parts];
        java.util.Arrays.fill(out, projected); // split gives views; each part's gradient lands in one buffer
        return out;
    }

    /** {@code AdaLN.modulate}: {@code x + x * scale + shift}. */
    private Graph.Tensor modulate(Graph.Tensor x, Graph.Tensor shift, Graph.Tensor scale) {
        return g.add(g.add(x, g.mul(x, scale)), shift);
    }

    /** {@code Attention.forward}: qkv, scaled q, softmax(q k^T) v, output projection. */
    private Graph.Tensor attention(Graph.Tensor x) {
        int d = config.hidden();
        int a = config.attentionWidth(); // heads x headDim: a narrower copy keeps the head size, drops heads
        long t = config.tokens();
        Graph.Tensor qkv = g.linear(x, rows(), d, 3 * a, trainable);
        long third = rows() * a;
        Graph.Tensor q = g.scale(split(qkv, third));
        Graph.Tensor k = split(qkv, third);
        Graph.Tensor v = split(qkv, third);
        double scores = 2.0 * n * t * t * a; // every head: T x T x headDim, heads x headDim = A
        long weights = n * config.heads() * t * t;
        Graph.Tensor p = g.softmax(g.matmul(q, k, scores, weights));
        Graph.Tensor mixed = g.expand(g.matmulSavedLeft(p, v, scores, third), 1); // heads back to [N, T, A]
        return g.linear(mixed, rows(), a, d, trainable);
    }

    /** A third of the qkv projection: a view, requiring a gradient when it does. */
    private Graph.Tensor split(Graph.Tensor qkv, long elements) {
        return g.viewOf(qkv, elements);
    }
}
