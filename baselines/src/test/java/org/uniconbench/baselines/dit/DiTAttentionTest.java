package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Multi-head attention written with DJL operations computes what its definition says. */
class DiTAttentionTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void matchesANaivePerHeadLoop() {
        int n = 2;
        int tokens = 3;
        int hidden = 8;
        int heads = 2;
        try (ParameterSet parameters = new ParameterSet(Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Attention attention = new Attention(new Layers(parameters, new Init(9), false), "a",
                    hidden, heads, hidden / heads);
            NDArray x = Fixtures.gaussian(manager, new Shape(n, tokens, hidden), 3);
            float[] expected = naive(x.toFloatArray(), n, tokens, hidden, heads,
                    parameters.get("a.qkv.weight").array().toFloatArray(),
                    parameters.get("a.qkv.bias").array().toFloatArray(),
                    parameters.get("a.out.weight").array().toFloatArray(),
                    parameters.get("a.out.bias").array().toFloatArray());
            NDArray actual = attention.forward(x);
            assertArrayEquals(new long[] {n, tokens, hidden}, actual.getShape().getShape());
            assertArrayEquals(expected, actual.toFloatArray(), 1e-5f);
        }
    }

    /** Attention in plain Java: rows of qkv are q (heads in order), then k, then v. */
    private static float[] naive(float[] x, int n, int tokens, int hidden, int heads, float[] wQkv,
            float[] bQkv, float[] wOut, float[] bOut) {
        int headDim = hidden / heads;
        float[] out = new float[n * tokens * hidden];
        for (int s = 0; s < n; s++) {
            // qkv[t][j] = sum_i x[t][i] w[j][i] + b[j]
            double[][] qkv = new double[tokens][3 * hidden];
            for (int t = 0; t < tokens; t++) {
                for (int j = 0; j < 3 * hidden; j++) {
                    double sum = bQkv[j];
                    for (int i = 0; i < hidden; i++) {
                        sum += x[(s * tokens + t) * hidden + i] * wQkv[j * hidden + i];
                    }
                    qkv[t][j] = sum;
                }
            }
            double[][] mixed = new double[tokens][hidden];
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tokens; t++) {
                    double[] scores = new double[tokens];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < tokens; u++) {
                        double dot = 0;
                        for (int d = 0; d < headDim; d++) {
                            dot += qkv[t][h * headDim + d] * qkv[u][hidden + h * headDim + d];
                        }
                        scores[u] = dot / Math.sqrt(headDim);
                        max = Math.max(max, scores[u]);
                    }
                    double total = 0;
                    for (int u = 0; u < tokens; u++) {
                        scores[u] = Math.exp(scores[u] - max);
                        total += scores[u];
                    }
                    for (int u = 0; u < tokens; u++) {
                        for (int d = 0; d < headDim; d++) {
                            mixed[t][h * headDim + d] += scores[u] / total * qkv[u][2 * hidden + h * headDim + d];
                        }
                    }
                }
            }
            for (int t = 0; t < tokens; t++) {
                for (int o = 0; o < hidden; o++) {
                    double sum = bOut[o];
                    for (int i = 0; i < hidden; i++) {
                        sum += mixed[t][i] * wOut[o * hidden + i];
                    }
                    out[(s * tokens + t) * hidden + o] = (float) sum;
                }
            }
        }
        return out;
    }
}
