package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.control.WeightCopy;
import org.uniconbench.baselines.unet.BlockHook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An adapter built with the DiT's code and a scaled config is initialised from the backbone by
 * name: exactly at width 1, and at smaller widths with the first dimensions of every part (each
 * head of q, k and v; each adaLN shift, scale and gate).
 */
class DiTWeightCopyTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void fullWidthCopyReproducesTheBackbonesOutputExactly() {
        try (DiTFixtures.Model backbone = new DiTFixtures.Model(DiTFixtures.tiny(), 1, false);
                DiTFixtures.Model copy = new DiTFixtures.Model(DiTFixtures.tiny().scaled(1.0), 2, true);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(backbone.parameters, 3); // a non-trivial output
            assertEquals(copy.parameters.all().size(),
                    WeightCopy.copyMatching(backbone.parameters, copy.parameters));
            NDArray x = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 4);
            NDArray t = manager.create(new float[] {5, 500});
            float[] expected = backbone.net.forward(x, t, BlockHook.NONE).toFloatArray();
            assertNotEquals(0f, expected[0], "the nudged backbone's output is not trivially zero");
            assertArrayEquals(expected, copy.net.forward(x, t, BlockHook.NONE).toFloatArray());
        }
    }

    @Test
    void halfWidthCopyTakesTheFirstDimensionsOfEveryPart() {
        DiTConfig config = DiTFixtures.tiny(); // hidden 32, 4 heads of 8
        DiTConfig half = config.scaled(0.5); // hidden 16, 4 heads of 4
        assertEquals(16, half.hidden());
        try (DiTFixtures.Model backbone = new DiTFixtures.Model(config, 1, false);
                DiTFixtures.Model copy = new DiTFixtures.Model(half, 2, true);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(backbone.parameters, 3);
            assertEquals(copy.parameters.all().size(),
                    WeightCopy.copyMatching(backbone.parameters, copy.parameters));
            // q, k, v rows: 3 x 4 heads of 8 rows -> of 4 rows; columns: the first 16 of 32
            assertSliced(backbone, copy, "block1.attn.qkv.weight", 4, 8, 16, 32);
            assertSliced(backbone, copy, "block1.attn.qkv.bias", 4, 8, 1, 1);
            // output projection: rows plain, columns 4 heads of 8 -> of 4
            assertSliced(backbone, copy, "block0.attn.out.weight", 16, 32, 4, 8);
            // adaLN-Zero: 6 parts of 32 rows -> of 16
            assertSliced(backbone, copy, "block0.ada.weight", 16, 32, 16, 32);
            assertSliced(backbone, copy, "final.ada.bias", 16, 32, 1, 1);
            // plain layers: the first rows and columns
            assertSliced(backbone, copy, "block1.mlp.fc1.weight", 32, 64, 16, 32);
            assertSliced(backbone, copy, "final.proj.weight", 16, 16, 16, 32);
            assertSliced(backbone, copy, "time.fc1.weight", 16, 32, 16, 16);
            // the narrow copy runs
            NDArray out = copy.net.forward(Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 4),
                    manager.create(new float[] {5, 500}), BlockHook.NONE);
            assertEquals(new Shape(2, 1, 16, 16), out.getShape());
        }
    }

    /**
     * Checks a (row, column) parameter cut into equal parts on each axis: copy row r reads
     * backbone row {@code (r / rowPart) * sourceRowPart + r % rowPart}, likewise for columns. A
     * vector (bias) has one column.
     */
    private static void assertSliced(DiTFixtures.Model backbone, DiTFixtures.Model copy, String name,
            int rowPart, int sourceRowPart, int columnPart, int sourceColumnPart) {
        NDArray big = backbone.parameters.get(name).array();
        NDArray small = copy.parameters.get(name).array();
        long bigColumns = big.getShape().dimension() == 2 ? big.getShape().get(1) : 1;
        long rows = small.getShape().get(0);
        long columns = small.getShape().dimension() == 2 ? small.getShape().get(1) : 1;
        float[] b = big.toFloatArray();
        float[] s = small.toFloatArray();
        for (int r = 0; r < rows; r++) {
            int sourceRow = r / rowPart * sourceRowPart + r % rowPart;
            for (int c = 0; c < columns; c++) {
                int sourceColumn = c / columnPart * sourceColumnPart + c % columnPart;
                assertEquals(b[(int) (sourceRow * bigColumns + sourceColumn)], s[(int) (r * columns + c)],
                        name + "[" + r + "," + c + "]");
            }
        }
    }
}
