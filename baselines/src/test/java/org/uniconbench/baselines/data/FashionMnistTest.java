package org.uniconbench.baselines.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.metrics.GrayImage;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the real Fashion-MNIST files of Debian's {@code dataset-fashion-mnist} package (installed
 * where these tests run). Expected values were read from the files with an independent reader.
 */
class FashionMnistTest {

    private static final Path FOLDER = Path.of(FashionMnist.DEFAULT_FOLDER);

    @Test
    void readsTheFirstTrainingExamples() {
        FashionMnist.Raw raw = FashionMnist.read(FOLDER, true, 5);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, raw.labels()); // ankle boot, T-shirt, ...
        assertEquals("Ankle boot", FashionMnist.CLASSES.get(raw.labels()[0]));
        GrayImage first = raw.images().get(0);
        assertEquals(28, first.width());
        assertEquals(28, first.height());
        double sum = 0;
        int nonZero = 0;
        float max = 0;
        for (float v : first.pixels()) {
            sum += v;
            nonZero += v > 0 ? 1 : 0;
            max = Math.max(max, v);
        }
        assertEquals(76247 / 255.0, sum, 1e-3); // byte sum 76247
        assertEquals(433, nonZero);
        assertEquals(1f, max);
        assertEquals(217 / 255f, first.get(14, 14));
    }

    @Test
    void readsTheTestSplit() {
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, FashionMnist.read(FOLDER, false, 5).labels());
    }

    @Test
    void askingForMoreThanTheSplitHoldsFails() {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.read(FOLDER, false, 10001));
        assertTrue(e.getMessage().contains("10000"), e.getMessage());
    }

    @Test
    void missingFolderNamesTheDebianPackage(@TempDir Path empty) {
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.read(empty.resolve("nowhere"), true, 1));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void loadResizesToTheRequestedResolution() {
        Datasets.Splits splits = Datasets.load(DatasetKind.FASHION_MNIST, 16, 3, 2, null, 0,
                new Condition.Downsample(4));
        assertEquals(16, splits.train().resolution());
        assertEquals(9, splits.train().labels()[0]);
        for (float v : splits.train().images().get(0).pixels()) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
    }
}
