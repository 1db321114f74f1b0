package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The DiT's shapes, its adaLN-Zero initialisation and its patch layout. */
class DiTTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void outputShapeEqualsInputShapeAndBlocksAreNamedInOrder() {
        try (DiTFixtures.Model model = new DiTFixtures.Model(DiTFixtures.tiny(), 1, false);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape shape = new Shape(3, 1, 16, 16);
            NDArray out = model.predictNoise(Fixtures.gaussian(manager, shape, 2),
                    manager.create(new float[] {0, 10, 999}), null);
            assertEquals(shape, out.getShape());
            assertEquals(List.of("embed", "block0", "block1"),
                    new ArrayList<>(model.net.blockChannels().keySet()));
            assertEquals(32, model.net.blockChannels().get("block1"));
            assertEquals(2, model.net.depth());
        }
    }

    @Test
    void everyParameterIsNamedAfterItsBlock() {
        try (DiTFixtures.Model model = new DiTFixtures.Model(DiTFixtures.tiny(), 1, false)) {
            List<String> names = model.parameters.all().stream()
                    .map(p -> p.name()).toList();
            List<String> expected = new ArrayList<>();
            List<String> layers = new ArrayList<>(List.of("time.fc1", "time.fc2", "embed.proj"));
            for (int i = 0; i < 2; i++) {
                for (String part : List.of(".ada", ".attn.qkv", ".attn.out", ".mlp.fc1", ".mlp.fc2")) {
                    layers.add("block" + i + part);
                }
            }
            layers.add("final.ada");
            layers.add("final.proj");
            for (String layer : layers) {
                expected.add(layer + ".weight");
                expected.add(layer + ".bias");
            }
            assertEquals(expected, names);
        }
    }

    @Test
    void untrainedDiTPredictsExactlyZeroAndEveryBlockIsTheIdentity() {
        try (DiTFixtures.Model model = new DiTFixtures.Model(DiTFixtures.tiny(), 4, false);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 5);
            Map<String, float[]> tokens = new LinkedHashMap<>();
            NDArray out = model.net.forward(x, manager.create(new float[] {3, 600}), (key, h) -> {
                tokens.put(key, h.toFloatArray());
                return h;
            });
            assertArrayEquals(new float[2 * 16 * 16], out.toFloatArray());
            // adaLN-Zero: every gate is zero, so each block passes its input through unchanged
            float[] embedded = tokens.get("embed");
            assertNotEquals(0f, embedded[0]);
            assertArrayEquals(embedded, tokens.get("block0"));
            assertArrayEquals(embedded, tokens.get("block1"));
        }
    }

    @Test
    void patchifyFlattensEachPatchRowByRowInRowMajorPatchOrder() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // one 4x4 image, value = 10 * row + column, 2x2 patches
            float[] pixels = new float[16];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    pixels[r * 4 + c] = 10 * r + c;
                }
            }
            NDArray tokens = PatchEmbed.patchify(manager.create(pixels, new Shape(1, 1, 4, 4)), 2);
            assertEquals(new Shape(1, 4, 4), tokens.getShape());
            assertArrayEquals(new float[] {
                0, 1, 10, 11, // top-left patch
                2, 3, 12, 13, // top-right
                20, 21, 30, 31, // bottom-left
                22, 23, 32, 33}, tokens.toFloatArray());
        }
    }

    @Test
    void unpatchifyInvertsPatchifyWithSeveralChannels() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, new Shape(2, 3, 8, 8), 7);
            NDArray tokens = PatchEmbed.patchify(x, 4);
            assertEquals(new Shape(2, 4, 48), tokens.getShape());
            assertArrayEquals(x.toFloatArray(), PatchEmbed.unpatchify(tokens, 4, 3).toFloatArray());
        }
    }

    @Test
    void positionTableEncodesColumnThenRowAsSinAndCos() {
        float[] table = PatchEmbed.positionTable(8, 3);
        // token (row 0, column 0): sin 0 = 0, cos 0 = 1 in every quarter
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, java.util.Arrays.copyOfRange(table, 0, 8));
        // token (row 2, column 1), frequencies 1 and 1/100
        float[] token = java.util.Arrays.copyOfRange(table, (2 * 3 + 1) * 8, (2 * 3 + 2) * 8);
        assertArrayEquals(new float[] {
            (float) Math.sin(1), (float) Math.sin(0.01), (float) Math.cos(1), (float) Math.cos(0.01),
            (float) Math.sin(2), (float) Math.sin(0.02), (float) Math.cos(2), (float) Math.cos(0.02)},
                token, 1e-6f);
    }
}
