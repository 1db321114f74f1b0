package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.control.WeightCopy;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.BlockHook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An adapter built with the DiT's code and a scaled config is initialised from the backbone by
 * name: exactly at width 1, and at smaller widths with the first channels of every part (each of
 * q, k and v, whole heads; each adaLN shift, scale and gate), reading the backbone's position code.
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
    void halfWidthCopyTakesTheFirstChannelsOfEveryPartAndTheFirstHeads() {
        DiTConfig config = DiTFixtures.tiny(); // hidden 32, 4 heads of 8
        DiTConfig half = config.scaled(0.5); // hidden 16, 2 heads of 8
        assertEquals(16, half.hidden());
        assertEquals(2, half.heads());
        try (DiTFixtures.Model backbone = new DiTFixtures.Model(config, 1, false);
                DiTFixtures.Model copy = new DiTFixtures.Model(half, 2, true);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(backbone.parameters, 3);
            assertEquals(copy.parameters.all().size(),
                    WeightCopy.copyMatching(backbone.parameters, copy.parameters));
            // q, k, v rows: 3 parts of 32 rows (4 heads of 8) -> of 16 (heads 0 and 1); columns: the first 16 of 32
            assertSliced(backbone, copy, "block1.attn.qkv.weight", 16, 32, 16, 32);
            assertSliced(backbone, copy, "block1.attn.qkv.bias", 16, 32, 1, 1);
            // output projection: the first 16 rows; columns: heads 0 and 1, whole
            assertSliced(backbone, copy, "block0.attn.out.weight", 16, 32, 16, 32);
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
     * The copy's position code is the backbone's, first channels: the copy's {@code embed.proj}
     * holds the backbone's first rows, so its embedding equals the first channels of the
     * backbone's embedding exactly, and every copied block reads the position code its weights
     * were trained with. A table built for the copy's own width (this harness's old construction)
     * is a different code.
     */
    @Test
    void aNarrowCopysSkipLayerReadsTheFirstChannelsOfItsTokensAndOfTheSkippedTokens() {
        DiTConfig config = new DiTConfig(16, 1, 4, 32, 3, 4, 2, 16, true); // block 2 reads block 0
        try (DiTFixtures.Model backbone = new DiTFixtures.Model(config, 1, false);
                DiTFixtures.Model copy = new DiTFixtures.Model(config.scaled(0.5), 2, true);
                DiTFixtures.Model full = new DiTFixtures.Model(config.scaled(1.0), 3, true);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(backbone.parameters, 3);
            assertEquals(copy.parameters.all().size(), WeightCopy.copyMatching(backbone.parameters, copy.parameters));
            // input: [tokens (32) | skipped tokens (32)] -> [first 16 of each]; output: the first 16 rows
            assertSliced(backbone, copy, "block2.skip.weight", 16, 32, 16, 32);
            assertSliced(backbone, copy, "block2.skip.bias", 16, 32, 1, 1);
            assertEquals(null, backbone.parameters.get("block1.skip.weight"), "the middle block ends no skip");
            // and a full-width copy with skips is the backbone
            assertAFullCopyIsTheBackbone(backbone, full, manager);
        }
    }

    @Test
    void aNarrowCopysPositionCodeIsTheFirstChannelsOfTheBackbones() {
        DiTConfig config = DiTFixtures.tiny();
        for (double width : new double[] {0.25, 0.5, 0.75}) {
            DiTConfig narrow = config.scaled(width);
            int d = narrow.hidden();
            try (DiTFixtures.Model backbone = new DiTFixtures.Model(config, 1, false);
                    DiTFixtures.Model copy = new DiTFixtures.Model(narrow, 2, true);
                    NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                WeightCopy.copyMatching(backbone.parameters, copy.parameters);
                NDIndex first = new NDIndex(":, :, :" + d);
                assertArrayEquals(backbone.net.positionCode().get(first).toFloatArray(),
                        copy.net.positionCode().toFloatArray(), "width " + width);
                NDArray x = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 4);
                assertArrayEquals(backbone.net.embed(x).get(first).toFloatArray(), copy.net.embed(x).toFloatArray(),
                        1e-6f, "width " + width);
                float[] own = PatchEmbed.positionTable(d, config.grid());
                float[] sliced = PatchEmbed.firstChannels(PatchEmbed.positionTable(32, config.grid()), 32, d);
                assertFalse(java.util.Arrays.equals(own, sliced), "a table of the copy's own width is another code");
            }
        }
    }

    /**
     * The copy keeps the backbone's head dimension and its first heads whole: its head k's query,
     * key and value rows are the backbone's head k's (on the copy's channels), and its output
     * projection reads head k where the backbone's does. So on tokens that live in the copy's
     * channels, with the dropped heads' output columns zeroed in the backbone, the copy's
     * attention equals the backbone's exactly (first channels). Fewer dimensions per head (the old
     * construction) would change every head's attention weights and fail this.
     */
    @Test
    void aNarrowCopysHeadKIsTheBackbonesHeadK() {
        int hidden = 32;
        int heads = 4;
        int headDim = 8;
        try (ParameterSet big = new ParameterSet(Device.cpu());
                ParameterSet small = new ParameterSet(Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Attention backbone = new Attention(new Layers(big, new Init(5), false), "a", hidden, heads, headDim);
            Attention copy = new Attention(new Layers(small, new Init(6), true), "a", 16, 2, headDim);
            float[] out = big.get("a.out.weight").array().toFloatArray();
            for (int row = 0; row < hidden; row++) {
                for (int column = 2 * headDim; column < hidden; column++) {
                    out[row * hidden + column] = 0; // heads 2 and 3 contribute nothing
                }
            }
            big.set("a.out.weight", out);
            WeightCopy.copyMatching(big, small);
            float[] tokens = Fixtures.gaussian(manager, new Shape(2, 5, hidden), 8).toFloatArray();
            for (int i = 0; i < tokens.length; i++) {
                if (i % hidden >= 16) {
                    tokens[i] = 0; // the tokens live in the copy's 16 channels
                }
            }
            NDArray x = manager.create(tokens, new Shape(2, 5, hidden));
            float[] expected = backbone.forward(x).get(new NDIndex(":, :, :16")).toFloatArray();
            float[] actual = copy.forward(x.get(new NDIndex(":, :, :16"))).toFloatArray();
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }

    /**
     * Checks a (row, column) parameter cut into equal parts on each axis: copy row r reads
     * backbone row {@code (r / rowPart) * sourceRowPart + r % rowPart}, likewise for columns. A
     * vector (bias) has one column.
     */
    @Test
    void aNarrowCopysConvolutionalMlpKeepsTheBackbonesFirstDepthwiseFiltersAndAFullCopyIsTheBackbone() {
        DiTConfig config = new DiTConfig(16, 1, 4, 32, 3, 4, 2, 16, true, true); // MLP 64 wide, 4x4 token map
        try (DiTFixtures.Model backbone = new DiTFixtures.Model(config, 1, false);
                DiTFixtures.Model copy = new DiTFixtures.Model(config.scaled(0.5), 2, true);
                DiTFixtures.Model full = new DiTFixtures.Model(config.scaled(1.0), 3, true);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(backbone.parameters, 3);
            assertEquals(copy.parameters.all().size(), WeightCopy.copyMatching(backbone.parameters, copy.parameters));
            for (String part : new String[] {"weight", "bias"}) {
                String name = "block1.mlp.dw." + part;
                float[] big = backbone.parameters.get(name).array().toFloatArray();
                float[] small = copy.parameters.get(name).array().toFloatArray();
                assertEquals(big.length / 2, small.length, name + ": 32 of 64 channels");
                // [channels x 1 x 3 x 3]: the copy's channel k is the backbone's channel k, its whole filter
                assertArrayEquals(java.util.Arrays.copyOf(big, small.length), small, name);
            }
            assertAFullCopyIsTheBackbone(backbone, full, manager);
        }
    }

    @Test
    void theConvolutionalMlpMixesOnlyNeighbouringTokens() {
        // one block, its attention gated off: a token's output moves only when a token within one
        // grid step (rows and columns of the 4x4 map) changes
        DiTConfig config = new DiTConfig(16, 1, 4, 32, 1, 4, 2, 16, false, true);
        try (DiTFixtures.Model model = new DiTFixtures.Model(config, 1, false);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DiTFixtures.nudgeZeroParameters(model.parameters, 3);
            ParameterSet.Parameter ada = model.parameters.get("block0.ada.weight");
            float[] w = ada.array().toFloatArray();
            int rows = (int) ada.array().getShape().get(0); // 6 x 32 outputs: shift, scale, gate of attn, then MLP
            java.util.Arrays.fill(w, 2 * 32 * (w.length / rows), 3 * 32 * (w.length / rows), 0f);
            model.parameters.set("block0.ada.weight", w);
            float[] bias = model.parameters.get("block0.ada.bias").array().toFloatArray();
            java.util.Arrays.fill(bias, 2 * 32, 3 * 32, 0f);
            model.parameters.set("block0.ada.bias", bias);
            NDArray c = model.net.embedTime(manager.create(new float[] {300}));
            NDArray tokens = Fixtures.gaussian(manager, new Shape(1, 16, 32), 5);
            float[] before = model.net.block(0, tokens, c).toFloatArray();
            NDArray changed = tokens.duplicate();
            changed.set(new ai.djl.ndarray.index.NDIndex("0, 5, :"), 1f); // token 5: row 1, column 1
            float[] after = model.net.block(0, changed, c).toFloatArray();
            for (int token = 0; token < 16; token++) {
                int row = token / 4;
                int column = token % 4;
                boolean near = Math.abs(row - 1) <= 1 && Math.abs(column - 1) <= 1;
                double moved = 0;
                for (int k = 0; k < 32; k++) {
                    moved = Math.max(moved, Math.abs(after[token * 32 + k] - before[token * 32 + k]));
                }
                assertEquals(near, moved > 1e-6, "token " + token + " (row " + row + ", column " + column
                        + ") moved " + moved);
            }
        }
    }

    /** Copies the backbone into a full-width copy and checks that both predict the same noise. */
    private static void assertAFullCopyIsTheBackbone(DiTFixtures.Model backbone, DiTFixtures.Model full,
            NDManager manager) {
        WeightCopy.copyMatching(backbone.parameters, full.parameters);
        NDArray x = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 4);
        NDArray t = manager.create(new float[] {5, 500});
        assertArrayEquals(backbone.net.forward(x, t, BlockHook.NONE).toFloatArray(),
                full.net.forward(x, t, BlockHook.NONE).toFloatArray());
    }

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
