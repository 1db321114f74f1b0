package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GroupNorm matches torch.nn.GroupNorm's definition, computed here in plain Java doubles. */
class GroupNormTest {

    private static final int N = 2;
    private static final int HW = 9;

    /** The definition over consecutive groups of the given sizes, in doubles. */
    private static double[] expected(float[] in, int[] sizes, float[] gamma, float[] beta) {
        int c = gamma.length;
        double[] out = new double[in.length];
        for (int s = 0; s < N; s++) {
            int firstChannel = 0;
            for (int size : sizes) {
                int start = (s * c + firstChannel) * HW; // channels of a group are contiguous
                int count = size * HW;
                double mean = 0;
                for (int i = 0; i < count; i++) {
                    mean += in[start + i];
                }
                mean /= count;
                double variance = 0;
                for (int i = 0; i < count; i++) {
                    variance += (in[start + i] - mean) * (in[start + i] - mean);
                }
                variance /= count; // biased, as PyTorch
                for (int i = 0; i < count; i++) {
                    int channel = firstChannel + i / HW;
                    out[start + i] = (in[start + i] - mean) / Math.sqrt(variance + 1e-5) * gamma[channel]
                            + beta[channel];
                }
                firstChannel += size;
            }
        }
        return out;
    }

    private static float[] ramp(int c, float start, float step) {
        float[] v = new float[c];
        for (int k = 0; k < c; k++) {
            v[k] = start + step * k;
        }
        return v;
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    @Test
    void matchesAStraightforwardDoublePrecisionComputation() {
        int c = 8;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, new Shape(N, c, 3, 3), 1).mul(3).add(0.5);
            float[] gamma = ramp(c, 0.5f, 0.25f);
            float[] beta = ramp(c, -1f, 0.3f);
            GroupNorm norm = new GroupNorm(manager.create(gamma, new Shape(1, c, 1, 1)),
                    manager.create(beta, new Shape(1, c, 1, 1)), 4);
            assertClose(expected(x.toFloatArray(), new int[] {2, 2, 2, 2}, gamma, beta),
                    norm.forward(x).toFloatArray());
        }
    }

    /** A sliced copy's groups (here 3, 1 and 4 channels) are normalised each over its own channels. */
    @Test
    void unequalGroupsMatchTheDefinitionToo() {
        int c = 8;
        GroupLayout layout = new GroupLayout(new int[] {3, 1, 4});
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, new Shape(N, c, 3, 3), 2).mul(2).sub(0.7);
            float[] gamma = ramp(c, 0.5f, 0.25f);
            float[] beta = ramp(c, -1f, 0.3f);
            GroupNorm norm = new GroupNorm(manager.create(gamma, new Shape(1, c, 1, 1)),
                    manager.create(beta, new Shape(1, c, 1, 1)), layout,
                    manager.create(GroupNorm.averagingMatrix(layout), new Shape(c, c)));
            assertClose(expected(x.toFloatArray(), new int[] {3, 1, 4}, gamma, beta), norm.forward(x).toFloatArray());
            NDArray g = manager.create(gamma, new Shape(1, c, 1, 1));
            NDArray b = manager.create(beta, new Shape(1, c, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> new GroupNorm(g, b, layout, null),
                    "unequal groups need the averaging matrix");
        }
    }

    @Test
    void aSlicedLayoutHasOneGroupPerBackboneGroupItReads() {
        // backbone [h 6, skip 6] in 4 groups of 3; the copy keeps [h 4, skip 2]: h 0..2 | h 3 | skip 0..1
        GroupLayout backbone = GroupLayout.uniform(12, 4);
        assertArrayEquals(new int[] {3, 1, 2}, backbone.slice(new int[] {6, 6}, new int[] {4, 2}).sizes());
        // [h 8, skip 4] in 4 groups of 3: group 2 holds h 6, 7 and skip 0; the copy [h 5, skip 4]
        GroupLayout mixed = GroupLayout.uniform(12, 4);
        assertArrayEquals(new int[] {3, 2, 1, 3}, mixed.slice(new int[] {8, 4}, new int[] {5, 4}).sizes());
        assertEquals(backbone, backbone.slice(new int[] {6, 6}, new int[] {6, 6}), "a whole copy is the backbone");
    }
}
