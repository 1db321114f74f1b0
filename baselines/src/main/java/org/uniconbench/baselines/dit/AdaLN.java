package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

import java.util.Arrays;

/**
 * Adaptive layer norm, zero-initialised (DiT's adaLN-Zero): the conditioning vector, after a SiLU,
 * is projected to {@code parts} vectors of the token width (shifts, scales and gates), and tokens
 * are normalised without a learned affine transform and then modulated by them.
 *
 * <p>The projection {@code <name>} starts at zero, so at initialisation every shift, scale and
 * gate is zero: modulation is the identity and a gated residual branch adds nothing. Its rows are
 * declared as {@code parts} segments so a narrower adapter copy keeps each part's first features.
 */
final class AdaLN {

    /** DiT's LayerNorm epsilon. */
    static final float EPSILON = 1e-6f;

    private final int parts;
    private final Dense projection;
    private final NDArray ones; // [D] constant: LayerNorm without affine = scale 1, shift 0
    private final NDArray zeros; // [D] constant

    /**
     * Registers the zero-initialised projection.
     *
     * @param layers the layer factory
     * @param name parameter name prefix
     * @param hidden token width {@code D}, also the conditioning width
     * @param parts number of modulation vectors
     */
    AdaLN(Layers layers, String name, int hidden, int parts) {
        int[] segments = new int[parts];
        Arrays.fill(segments, hidden);
        this.parts = parts;
        this.projection = layers.zeroDense(name, hidden, parts * hidden, segments);
        float[] one = new float[hidden];
        Arrays.fill(one, 1f);
        this.ones = layers.constant(new Shape(hidden), one);
        this.zeros = layers.constant(new Shape(hidden), new float[hidden]);
    }

    /**
     * The modulation vectors for the conditioning {@code c}.
     *
     * @param c conditioning {@code [N x D]} (the time embedding, before any SiLU)
     * @return {@code parts} arrays {@code [N x 1 x D]}, broadcasting over tokens, on c's manager
     */
    NDList modulation(NDArray c) {
        NDArray projected = projection.forward(Layers.silu(c));
        return projected.reshape(c.getShape().get(0), 1, (long) parts * c.getShape().get(1))
                .split(parts, 2);
    }

    /**
     * Normalises every token over its features (zero mean, unit biased variance), with no learned
     * scale or shift: PyTorch's fused {@code layer_norm} with constant weight 1 and bias 0.
     *
     * @param x tokens {@code [N x T x D]}
     * @return {@code [N x T x D]} on the input's manager
     */
    NDArray normalise(NDArray x) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(x.getShape().get(2)), ones, zeros, EPSILON)
                .singletonOrThrow();
    }

    /**
     * {@code x * (1 + scale) + shift}, computed as {@code x + x * scale + shift} so that no
     * scalar constant enters the graph.
     *
     * @param x tokens {@code [N x T x D]}
     * @param shift {@code [N x 1 x D]}
     * @param scale {@code [N x 1 x D]}
     * @return {@code [N x T x D]} on x's manager
     */
    static NDArray modulate(NDArray x, NDArray shift, NDArray scale) {
        return x.add(x.mul(scale)).add(shift);
    }
}
