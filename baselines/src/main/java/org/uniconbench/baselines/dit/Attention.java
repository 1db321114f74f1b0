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
 * <p>Parameters {@code <name>.qkv} (one {@code [3A x D]} projection, {@code A = heads * headDim},
 * which is D in a backbone) and {@code <name>.out} ({@code [D x A]}). The query, key and value rows
 * are declared as 3 parts of A rows, heads in order within each; a narrower adapter copy (the
 * backbone's head dimension, fewer heads) takes the first A' rows of each part and the first A'
 * columns of the output projection: its head k is the backbone's head k.
 */
final class Attention {

    private final int heads;
    private final int headDim;
    private final Dense qkv;
    private final Dense out;
    private final NDArray scale; // [1] constant, 1 / sqrt(headDim)

    /**
     * Registers the projections.
     *
     * @param layers the layer factory
     * @param name parameter name prefix
     * @param hidden token width {@code D}
     * @param heads number of heads
     * @param headDim dimensions per head
     */
    Attention(Layers layers, String name, int hidden, int heads, int headDim) {
        this.heads = heads;
        this.headDim = headDim;
        int width = heads * headDim;
        int[] qkvParts = new int[3];
        Arrays.fill(qkvParts, width);
        this.qkv = layers.dense(name + ".qkv", hidden, 3 * width, false, qkvParts, null);
        this.out = layers.dense(name + ".out", width, hidden, false, null, null);
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
        // project, split into q, k, v, each [N, heads, T, headDim]
        NDList parts = qkv.forward(x).split(3, 2);
        NDArray q = toHeads(parts.get(0), n, tokens).mul(scale);
        NDArray k = toHeads(parts.get(1), n, tokens);
        NDArray v = toHeads(parts.get(2), n, tokens);
        // attention weights [N, heads, T, T]: each query's softmax over the keys
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(3);
        // weighted values, heads concatenated back to [N, T, D], output projection
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, tokens, (long) heads * headDim);
        return out.forward(mixed);
    }

    private NDArray toHeads(NDArray part, long n, long tokens) {
        return part.reshape(n, tokens, heads, headDim).transpose(0, 2, 1, 3);
    }
}
