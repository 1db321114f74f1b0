package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GroupNorm matches torch.nn.GroupNorm's definition, computed here in plain Java doubles. */
class GroupNormTest {

    @Test
    void matchesAStraightforwardDoublePrecisionComputation() {
        int n = 2;
        int c = 8;
        int hw = 9;
        int groups = 4;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, new Shape(n, c, 3, 3), 1).mul(3).add(0.5);
            float[] gammaValues = new float[c];
            float[] betaValues = new float[c];
            for (int k = 0; k < c; k++) {
                gammaValues[k] = 0.5f + 0.25f * k;
                betaValues[k] = -1f + 0.3f * k;
            }
            GroupNorm norm = new GroupNorm(manager.create(gammaValues, new Shape(1, c, 1, 1)),
                    manager.create(betaValues, new Shape(1, c, 1, 1)), groups);
            float[] actual = norm.forward(x).toFloatArray();
            float[] in = x.toFloatArray();

            int perGroup = c / groups * hw;
            double[] expected = new double[in.length];
            for (int s = 0; s < n; s++) {
                for (int g = 0; g < groups; g++) {
                    int start = s * c * hw + g * perGroup; // channels of a group are contiguous
                    double mean = 0;
                    for (int i = 0; i < perGroup; i++) {
                        mean += in[start + i];
                    }
                    mean /= perGroup;
                    double variance = 0;
                    for (int i = 0; i < perGroup; i++) {
                        variance += (in[start + i] - mean) * (in[start + i] - mean);
                    }
                    variance /= perGroup; // biased, as PyTorch
                    for (int i = 0; i < perGroup; i++) {
                        int channel = g * (c / groups) + i / hw;
                        expected[start + i] = (in[start + i] - mean) / Math.sqrt(variance + 1e-5)
                                * gammaValues[channel] + betaValues[channel];
                    }
                }
            }
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "element " + i);
            }
        }
    }
}
