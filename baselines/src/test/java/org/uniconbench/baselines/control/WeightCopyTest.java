package org.uniconbench.baselines.control;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter's copied blocks start from the backbone's weights, sliced segment by segment. */
class WeightCopyTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void fullWidthCopyIsExact() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(Method.UNICON, 1.0, 2, ConnectorKind.ZERO_CONV), 2)) {
            int shared = 0;
            for (ParameterSet.Parameter p : model.parameters().all()) {
                ParameterSet.Parameter source = backbone.parameters().get(p.name());
                if (source == null) {
                    assertTrue(p.name().startsWith("hint.") || p.name().startsWith("connector."), p.name());
                    continue;
                }
                shared++;
                assertEquals(source.array().getShape(), p.array().getShape(), p.name());
                assertArrayEquals(source.array().toFloatArray(), p.array().toFloatArray(), p.name());
            }
            assertEquals(backbone.parameters().all().size(), shared, "every backbone parameter is copied");
        }
    }

    /**
     * A decoder conv of input {@code [h (3 channels), skip (2 channels)]} sliced to
     * {@code [h' (2), skip' (1)]} and 2 of 3 output channels: the input axis keeps h channels 0, 1 and
     * skip channel 0 (source index 3), not source channels 0, 1, 2.
     */
    @Test
    void slicedDecoderInputKeepsTheFirstChannelsOfEachSegment() {
        Shape sourceShape = new Shape(3, 5, 1, 1);
        float[] source = new float[15];
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 5; i++) {
                source[o * 5 + i] = 10 * o + i; // value = 10 * out + in
            }
        }
        float[] sliced = WeightCopy.slice(source, sourceShape, new int[][] {null, {3, 2}, null, null},
                new Shape(2, 3, 1, 1), new int[][] {null, {2, 1}, null, null}, "dec0.res0.conv1.weight");
        assertArrayEquals(new float[] {0, 1, 3, 10, 11, 13}, sliced);
    }

    @Test
    void slicingWorksOnEveryAxisOfA3x3Kernel() {
        // [out 2, in 2, 3, 3] -> [out 1, in 1, 3, 3]: kernel axes are not sliced
        float[] source = new float[36];
        for (int i = 0; i < source.length; i++) {
            source[i] = i;
        }
        float[] sliced = WeightCopy.slice(source, new Shape(2, 2, 3, 3), null, new Shape(1, 1, 3, 3),
                null, "w");
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, sliced);
    }

    @Test
    void anAdapterWiderThanTheBackboneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightCopy.slice(
                new float[6], new Shape(1, 6, 1, 1), new int[][] {null, {3, 3}, null, null},
                new Shape(1, 6, 1, 1), new int[][] {null, {4, 2}, null, null}, "dec.w"));
        assertTrue(e.getMessage().contains("dec.w"), e.getMessage());
    }

    @Test
    void narrowUniConDecoderIsSlicedSegmentAware() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(Method.UNICON, 0.5, 2, ConnectorKind.ZERO_FT), 2)) {
            // dec1.res0: input [h = mid (32), skip = enc1.res1 (32)] in the backbone, [16, 16] in the copy
            String name = "dec1.res0.conv1.weight";
            ParameterSet.Parameter big = backbone.parameters().get(name);
            ParameterSet.Parameter small = model.parameters().get(name);
            assertEquals(new Shape(32, 64, 3, 3), big.array().getShape());
            assertEquals(new Shape(16, 32, 3, 3), small.array().getShape());
            float[] b = big.array().toFloatArray();
            float[] s = small.array().toFloatArray();
            for (int o = 0; o < 16; o++) {
                for (int i = 0; i < 32; i++) {
                    int sourceIn = i < 16 ? i : 32 + (i - 16); // second segment starts at 32
                    for (int k = 0; k < 9; k++) {
                        assertEquals(b[(o * 64 + sourceIn) * 9 + k], s[(o * 32 + i) * 9 + k],
                                name + "[" + o + "," + i + "," + k + "]");
                    }
                }
            }
        }
    }
}
