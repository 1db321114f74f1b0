package org.uniconbench.baselines.unet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The U-Net's shapes and its upsampling. */
class UNetTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void outputShapeEqualsInputShape(int levels) {
        List<Integer> channels = levels == 2 ? List.of(16, 32) : List.of(16, 32, 32);
        UNetConfig config = new UNetConfig(channels, 1, 8, 1, true);
        try (Backbone backbone = new Backbone(config, Device.cpu(), 1, false);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape shape = new Shape(3, 1, 16, 16);
            NDArray x = Fixtures.gaussian(manager, shape, 2);
            NDArray out = backbone.predictNoise(x, manager.create(new float[] {0, 10, 999}), null);
            assertEquals(shape, out.getShape());
            // the named blocks and their channel counts
            assertEquals(32, backbone.net().blockChannels().get("mid.res1"));
            assertEquals(16, backbone.net().blockChannels().get("dec0.res1"));
        }
    }

    @Test
    void upsampleNearestRepeatsEachPixelIntoA2x2Block() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray up = UNet.upsampleNearest(x);
            assertEquals(new Shape(1, 1, 4, 4), up.getShape());
            assertArrayEquals(new float[] {
                1, 1, 2, 2,
                1, 1, 2, 2,
                3, 3, 4, 4,
                3, 3, 4, 4}, up.toFloatArray());
        }
    }

    @Test
    void configRejectsChannelsNotDivisibleByGroups() {
        assertThrows(IllegalArgumentException.class, () -> new UNetConfig(List.of(12), 1, 8, 1, true));
    }

    @Test
    void scaledConfigKeepsTheGroupSizeAndDropsWholeGroups() {
        UNetConfig half = Fixtures.tinyConfig().scaled(0.5, 1, false); // [16, 32] / 8: groups of 2 and 4
        assertEquals(List.of(8, 16), half.channels());
        assertEquals(4, half.groups(), "4 of 8 groups, of the backbone's sizes 2 and 4");
        assertEquals(1, half.resBlocks());
        assertEquals(Fixtures.tinyConfig(), half.source());
        assertEquals(List.of(2, 4), Fixtures.tinyConfig().scaled(0.01, 1, true).channels(), "at least one group");
        UNetConfig paper = new UNetConfig(List.of(16, 32, 64), 1, 8, 1, true).scaled(0.6, 1, true);
        assertEquals(List.of(10, 20, 40), paper.channels(), "5 of 8 groups of 2, 4 and 8 channels");
    }
}
