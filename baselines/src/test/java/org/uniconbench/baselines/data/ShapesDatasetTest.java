package org.uniconbench.baselines.data;

import org.junit.jupiter.api.Test;
import org.uniconbench.metrics.GrayImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The procedural dataset: reproducible, with masks that mark exactly the painted pixels. */
class ShapesDatasetTest {

    @Test
    void sameSeedGivesTheSameImagesAndAnotherSeedDoesNot() {
        ShapesDataset.Raw a = ShapesDataset.generate(6, 16, 42);
        ShapesDataset.Raw b = ShapesDataset.generate(6, 16, 42);
        ShapesDataset.Raw c = ShapesDataset.generate(6, 16, 43);
        assertArrayEquals(a.labels(), b.labels());
        boolean anyDifferent = false;
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.images().get(i).pixels(), b.images().get(i).pixels(), "image " + i);
            assertArrayEquals(a.masks().get(i).pixels(), b.masks().get(i).pixels(), "mask " + i);
            anyDifferent |= !java.util.Arrays.equals(a.images().get(i).pixels(), c.images().get(i).pixels());
        }
        assertTrue(anyDifferent, "seed 43 produced seed 42's images");
    }

    /**
     * Shapes are painted with intensity >= 0.65 over a background below 0.5 (base <= 0.25 plus a
     * gradient of at most 0.2 x 1.21), so a pixel was painted exactly where it is bright.
     */
    @Test
    void masksAreExactlyThePaintedPixelsAndLabelsAreInRange() {
        ShapesDataset.Raw raw = ShapesDataset.generate(50, 16, 7);
        assertEquals(50, raw.images().size());
        for (int i = 0; i < 50; i++) {
            GrayImage image = raw.images().get(i);
            GrayImage mask = raw.masks().get(i);
            assertEquals(16, image.width());
            assertEquals(16, mask.height());
            int painted = 0;
            for (int p = 0; p < image.pixels().length; p++) {
                float m = mask.pixels()[p];
                float v = image.pixels()[p];
                assertTrue(m == 0f || m == 1f, "mask value " + m);
                assertTrue(v >= 0f && v <= 1f, "pixel " + v);
                assertEquals(v >= 0.6f, m == 1f, "image " + i + " pixel " + p + " = " + v + ", mask " + m);
                painted += (int) m;
            }
            assertTrue(painted > 0, "image " + i + " has no shape");
            int label = raw.labels()[i];
            assertTrue(label >= 0 && label < ShapesDataset.KINDS.size(), "label " + label);
        }
        // every kind appears
        assertEquals(3, java.util.Arrays.stream(raw.labels()).distinct().count());
    }

    @Test
    void loadedSplitsCarryConditionsAndTrainDiffersFromEval() {
        Datasets.Splits splits = Datasets.load(DatasetKind.SHAPES, 16, 4, 3, null, 1,
                new Condition.Downsample(4));
        assertEquals(4, splits.train().size());
        assertEquals(3, splits.eval().size());
        assertEquals(16, splits.train().resolution());
        assertFalse(java.util.Arrays.equals(splits.train().images().get(0).pixels(),
                splits.eval().images().get(0).pixels()));
        assertArrayEquals(new Condition.Downsample(4).of(splits.train().images().get(1)).pixels(),
                splits.train().conditions().get(1).pixels());
    }

    @Test
    void aLargerHeldOutSplitStartsWithTheSameImages() {
        // the classifier's test set is the split's first 256: the gate's extra floor blocks must not move it
        Datasets.Splits small = Datasets.load(DatasetKind.SHAPES, 16, 8, 4, null, 3, new Condition.Mask(), 256);
        Datasets.Splits large = Datasets.load(DatasetKind.SHAPES, 16, 8, 4, null, 3, new Condition.Mask(), 1024);
        assertEquals(1024, large.reference().size());
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(small.reference().images().get(i).pixels(), large.reference().images().get(i).pixels(),
                    "held-out image " + i);
            assertEquals(small.reference().labels()[i], large.reference().labels()[i]);
        }
    }
}
