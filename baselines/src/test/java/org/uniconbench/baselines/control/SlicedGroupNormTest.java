package org.uniconbench.baselines.control;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.GroupLayout;
import org.uniconbench.baselines.nn.GroupNorm;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.UNet;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A narrower U-Net copy keeps the backbone's GroupNorm groups: on every GroupNorm, each group of
 * the copy normalises channels of ONE backbone group, every backbone group the copy reads is ONE
 * copy group, and on norms of a single feature (every norm but the decoder's concatenations) the
 * copy's group k is exactly the backbone's group k. Which backbone channel a copy channel reads is
 * taken from the weight copy itself (a slice of the channel numbers, through {@link WeightCopy}).
 */
class SlicedGroupNormTest {

    private static final double[] WIDTHS = {0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0};

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** The backbone and a copy built as {@code UNetTopology} builds it, weights copied. */
    private record Pair(ParameterSet backboneParameters, UNet backbone, ParameterSet copyParameters, UNet copy)
            implements
                AutoCloseable {

        static Pair of(UNetConfig config, double width, int depth) {
            ParameterSet b = new ParameterSet(Device.cpu());
            ParameterSet c = new ParameterSet(Device.cpu());
            UNet backbone = new UNet(config, new Layers(b, new Init(1), false));
            UNet copy = new UNet(config.scaled(width, depth, true), new Layers(c, new Init(2), true));
            WeightCopy.copyMatching(b, c);
            return new Pair(b, backbone, c, copy);
        }

        /** For each channel of the copy's norm, the backbone channel it reads (its gamma's slice). */
        int[] sourceChannels(String norm) {
            ParameterSet.Parameter big = backboneParameters.get(norm + ".gamma");
            ParameterSet.Parameter small = copyParameters.get(norm + ".gamma");
            float[] numbers = new float[(int) big.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = i;
            }
            float[] read = WeightCopy.slice(numbers, big.array().getShape(), big.segments(),
                    small.array().getShape(), small.segments(), norm);
            int[] out = new int[read.length];
            for (int i = 0; i < read.length; i++) {
                out[i] = (int) read[i];
            }
            return out;
        }

        @Override
        public void close() {
            copyParameters.close();
            backboneParameters.close();
        }
    }

    /**
     * What is wrong with a copy norm's groups, or an empty list: a copy group reading two backbone
     * groups, or one backbone group spread over two copy groups.
     *
     * @param copy the copy norm's groups
     * @param source for each copy channel, the backbone channel it reads
     * @param backbone the backbone norm's groups
     */
    static List<String> violations(GroupLayout copy, int[] source, GroupLayout backbone) {
        int[] backboneGroup = backbone.groupOfChannel();
        int[] copyGroup = copy.groupOfChannel();
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> copyGroupOf = new java.util.HashMap<>();
        for (int k = 0; k < source.length; k++) {
            int g = backboneGroup[source[k]];
            Integer seen = copyGroupOf.putIfAbsent(g, copyGroup[k]);
            if (seen != null && seen != copyGroup[k]) {
                problems.add("backbone group " + g + " is split over copy groups " + seen + " and " + copyGroup[k]);
            }
        }
        for (int group = 0; group < copy.count(); group++) {
            Set<Integer> read = new HashSet<>();
            for (int k = 0; k < source.length; k++) {
                if (copyGroup[k] == group) {
                    read.add(backboneGroup[source[k]]);
                }
            }
            if (read.size() != 1) {
                problems.add("copy group " + group + " reads backbone groups " + read);
            }
        }
        return problems;
    }

    private static void assertGroupsKept(UNetConfig config, double width, int depth) {
        try (Pair pair = Pair.of(config, width, depth)) {
            Map<String, GroupLayout> backbone = pair.backbone().groupLayouts();
            Map<String, GroupLayout> copy = pair.copy().groupLayouts();
            assertFalse(copy.isEmpty());
            for (Map.Entry<String, GroupLayout> norm : copy.entrySet()) {
                String name = norm.getKey();
                String where = config.channels() + "/" + config.groups() + " width " + width + " depth " + depth
                        + ", " + name + " " + norm.getValue();
                int[] source = pair.sourceChannels(name);
                GroupLayout big = backbone.get(name);
                assertEquals(List.of(), violations(norm.getValue(), source, big), where);
                if (pair.copyParameters().get(name + ".gamma").segments()[1] == null) {
                    // a single feature: the copy's group k is the backbone's group k, whole
                    int size = big.sizes()[0];
                    for (int k = 0; k < source.length; k++) {
                        assertEquals(k, source[k], where);
                    }
                    for (int s : norm.getValue().sizes()) {
                        assertEquals(size, s, where + ": a group of the backbone's size");
                    }
                }
            }
        }
    }

    @Test
    void everyCopyGroupIsOneBackboneGroupOnEveryNormAtEveryWidth() {
        List<UNetConfig> backbones = List.of(
                new UNetConfig(List.of(16, 32, 64), 1, 8, 1, true), // the quickstart's
                new UNetConfig(List.of(32, 64, 64), 1, 8, 1, true), // the default
                new UNetConfig(List.of(16, 32), 2, 4, 1, true));
        for (UNetConfig config : backbones) {
            for (double width : WIDTHS) {
                for (int depth = 1; depth <= config.resBlocks(); depth++) {
                    assertGroupsKept(config, width, depth);
                }
            }
        }
    }

    /**
     * At width 0.6 of [16, 32, 64] / 8 groups the copy has [10, 20, 40] channels: 5 groups of 2,
     * 4 and 8 on its single-feature norms. The decoder's dec2.res0 normalises [mid (64), skip
     * (64)] in 8 groups of 16 in the backbone; the copy's [40, 40] keeps groups 0, 1 and 4, 5 whole
     * and the first 8 channels of groups 2 and 6 (a part of 40 is not a multiple of 16).
     * dec1.res0 normalises [64, 32] in groups of 12, group 5 holding channels 60..63 of the first
     * part and 0..7 of the second; the copy's [40, 20] reads groups 0..2 whole, 3 in part, and of
     * the second part channels 0..7 (group 5, without its channels of the first part), 8..19
     * (group 6, whole).
     */
    @Test
    void theQuickstartCopyAtWidthPointSixHasTheseGroups() {
        try (Pair pair = Pair.of(new UNetConfig(List.of(16, 32, 64), 1, 8, 1, true), 0.6, 1)) {
            Map<String, GroupLayout> copy = pair.copy().groupLayouts();
            assertArrayEquals(new int[] {2, 2, 2, 2, 2}, copy.get("enc0.res0.norm1").sizes());
            assertArrayEquals(new int[] {8, 8, 8, 8, 8}, copy.get("mid.res1.norm2").sizes());
            assertArrayEquals(new int[] {16, 16, 8, 16, 16, 8}, copy.get("dec2.res0.norm1").sizes());
            assertArrayEquals(new int[] {12, 12, 12, 4, 8, 12}, copy.get("dec1.res0.norm1").sizes());
            assertEquals(List.of(10, 20, 40), pair.copy().config().channels());
        }
    }

    /**
     * The old construction kept the group COUNT (8) and rounded channels to multiples of it: at
     * width 0.6 of [16, 32, 64] level 0 had 8 channels in 8 groups (instance norm, each copy group
     * half a backbone group) and level 1 had 16 in 8 groups of 2 (half of a backbone group of 4).
     * The check above rejects that layout; it accepts the current one.
     */
    @Test
    void theCheckRejectsTheOldFixedGroupCount() {
        GroupLayout backbone = GroupLayout.uniform(32, 8); // enc1 norms: groups of 4
        int[] first20 = new int[20];
        for (int k = 0; k < 20; k++) {
            first20[k] = k;
        }
        int[] first16 = java.util.Arrays.copyOf(first20, 16);
        assertFalse(violations(GroupLayout.uniform(16, 8), first16, backbone).isEmpty(),
                "8 groups of 2: each backbone group split in two");
        // 20 channels in 4 groups of 5: copy groups straddle backbone groups
        assertTrue(violations(GroupLayout.uniform(20, 4), first20, backbone).stream()
                .anyMatch(p -> p.contains("reads backbone groups")));
        assertEquals(List.of(), violations(GroupLayout.uniform(20, 5), first20, backbone));
    }

    /**
     * What the invariant buys: on the backbone's input restricted to the copy's channels, a copy
     * norm reproduces the backbone norm's output exactly on every group it keeps whole (same
     * statistics, same scale and shift), including the decoder's concatenated inputs.
     */
    @Test
    void aCopyNormReproducesTheBackbonesOutputOnEveryWholeGroup() {
        try (Pair pair = Pair.of(new UNetConfig(List.of(16, 32, 64), 1, 8, 1, true), 0.6, 1);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            int checked = 0;
            for (String name : List.of("dec2.res0.norm1", "dec1.res0.norm1", "dec0.res1.norm1", "enc1.res0.norm2")) {
                ParameterSet.Parameter gamma = pair.backboneParameters().get(name + ".gamma");
                int channels = (int) gamma.array().getShape().get(1);
                int[] source = pair.sourceChannels(name);
                GroupLayout big = pair.backbone().groupLayouts().get(name);
                GroupLayout small = pair.copy().groupLayouts().get(name);
                // non-trivial scale and shift, copied into the copy
                float[] g = new float[channels];
                float[] b = new float[channels];
                for (int k = 0; k < channels; k++) {
                    g[k] = 0.5f + 0.1f * k;
                    b[k] = 0.2f * k - 1;
                }
                GroupNorm backboneNorm = new GroupNorm(manager.create(g, new Shape(1, channels, 1, 1)),
                        manager.create(b, new Shape(1, channels, 1, 1)), big.count());
                float[] gs = new float[source.length];
                float[] bs = new float[source.length];
                for (int k = 0; k < source.length; k++) {
                    gs[k] = g[source[k]];
                    bs[k] = b[source[k]];
                }
                NDArray averaging = manager.create(GroupNorm.averagingMatrix(small),
                        new Shape(source.length, source.length));
                GroupNorm copyNorm = new GroupNorm(manager.create(gs, new Shape(1, source.length, 1, 1)),
                        manager.create(bs, new Shape(1, source.length, 1, 1)), small, averaging);
                NDArray x = Fixtures.gaussian(manager, new Shape(2, channels, 4, 4), 5).mul(2).add(0.3);
                float[] all = x.toFloatArray();
                float[] picked = new float[2 * source.length * 16];
                for (int n = 0; n < 2; n++) {
                    for (int k = 0; k < source.length; k++) {
                        System.arraycopy(all, (n * channels + source[k]) * 16, picked, (n * source.length + k) * 16,
                                16);
                    }
                }
                NDArray xs = manager.create(picked, new Shape(2, source.length, 4, 4));
                float[] expected = backboneNorm.forward(x).toFloatArray();
                float[] actual = copyNorm.forward(xs).toFloatArray();
                int[] sizes = big.sizes();
                int[] groupOf = big.groupOfChannel();
                int[] copyGroupOf = small.groupOfChannel();
                for (int k = 0; k < source.length; k++) {
                    boolean whole = small.sizes()[copyGroupOf[k]] == sizes[groupOf[source[k]]];
                    if (!whole) {
                        continue;
                    }
                    for (int n = 0; n < 2; n++) {
                        for (int p = 0; p < 16; p++) {
                            assertEquals(expected[(n * channels + source[k]) * 16 + p],
                                    actual[(n * source.length + k) * 16 + p], 1e-4, name + " channel " + k);
                            checked++;
                        }
                    }
                }
            }
            assertTrue(checked > 1000, "checked " + checked + " values");
        }
    }
}
