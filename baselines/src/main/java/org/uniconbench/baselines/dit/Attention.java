package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

import java.util.Arrays;

/**
 * Multi-head self-attention (Vaswani et al., "Attention Is All You Need", 2017) written with DJL
 * operations: {@code softmax(q k^T / sqrt(d)) v} per head, then an output projection.
 *
 * <p>Parameters {@code <name>.qkv} (one {@code [3D x D]} projection) and {@code <name>.out}. The
 * query, key and value rows are declared as {@code 3 * heads} parts of {@code headDim} rows, and
 * the output projection's input as {@code heads} parts, so a narrower adapter copy (same heads,
 * fewer dimensions per head) takes the first dimensions of every head of each of q, k and v.
 */
final class Attention {

    private final int heads;
    private final Dense qkv;
    private final Dense out;
    private final NDArray scale; // [1] constant, 1 / sqrt(headDim)

    /**
     * Registers the projections.
     *
     * @param layers the layer factory
     * @param name parameter name prefix
     * @param hidden token width {@code D}
     * @param heads number of heads; divides {@code hidden}
     */
    Attention(Layers layers, String name, int hidden, int heads) {
        int headDim = hidden / heads;
        this.heads = heads;
        int[] qkvParts = new int[3 * heads];
        Arrays.fill(qkvParts, headDim);
        int[] headParts = new int[heads];
        Arrays.fill(headParts, headDim);
        this.qkv = layers.dense(name + ".qkv", hidden, 3 * hidden, false, qkvParts, null);
        this.out = layers.dense(name + ".out", hidden, hidden, false, null, headParts);
        this.scale = layers.constant(new Shape(1), (float) (1 / Math.sqrt(headDim)));
    }

    /**
     * Attends every token to every token.
     *
     * @param x tokens {@code [N x T x D]}
     * @return {@code [N x T x D]} on the input's manager
     */
    NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long tokens = s.get(1);
        long hidden = s.get(2);
        long headDim = hidden / heads;
        // project, split into q, k, v, each [N, heads, T, headDim]
        NDList parts = qkv.forward(x).split(3, 2);
        NDArray q = toHeads(parts.get(0), n, tokens, headDim).mul(scale);
        NDArray k = toHeads(parts.get(1), n, tokens, headDim);
        NDArray v = toHeads(parts.get(2), n, tokens, headDim);
        // attention weights [N, heads, T, T]: each query's softmax over the keys
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(3);
        // weighted values, heads concatenated back to [N, T, D], output projection
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, tokens, hidden);
        return out.forward(mixed);
    }

    private NDArray toHeads(NDArray part, long n, long tokens, long headDim) {
        return part.reshape(n, tokens, heads, headDim).transpose(0, 2, 1, 3);
    }
}
