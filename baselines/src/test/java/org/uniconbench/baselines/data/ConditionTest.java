package org.uniconbench.baselines.data;

import org.junit.jupiter.api.Test;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.GrayImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Condition images made from clean images. */
class ConditionTest {

    @Test
    void downsampleAveragesEachBlockAndRepeatsIt() {
        float[] pixels = {
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 8, 0, 0,
            8, 8, 0, 1};
        GrayImage out = new Condition.Downsample(2).of(new GrayImage(4, 4, pixels));
        assertArrayEquals(new float[] {
            2.5f, 2.5f, 4.5f, 4.5f,
            2.5f, 2.5f, 4.5f, 4.5f,
            8, 8, 0.25f, 0.25f,
            8, 8, 0.25f, 0.25f}, out.pixels());
    }

    @Test
    void downsampleRejectsAFactorThatDoesNotDivideTheResolution() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Condition.Downsample(3).of(new GrayImage(4, 4, new float[16])));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    /** A bright square on black: every edge pixel lies on the square's border, and the border is found. */
    @Test
    void cannyMarksTheBorderOfASquare() {
        int size = 24;
        int lo = 6;
        int hi = 17; // square covers columns and rows 6..17
        float[] pixels = new float[size * size];
        for (int y = lo; y <= hi; y++) {
            for (int x = lo; x <= hi; x++) {
                pixels[y * size + x] = 1f;
            }
        }
        GrayImage edges = new Condition.Canny(CannyEdges.defaults()).of(new GrayImage(size, size, pixels));
        int count = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = edges.get(x, y);
                assertTrue(v == 0f || v == 1f, "edge value " + v);
                if (v == 1f) {
                    count++;
                    // distance to the square's outline (the step between pixels lo-1|lo and hi|hi+1)
                    int dx = Math.min(Math.abs(x - lo), Math.abs(x - hi));
                    int dy = Math.min(Math.abs(y - lo), Math.abs(y - hi));
                    boolean insideBand = x >= lo - 2 && x <= hi + 2 && y >= lo - 2 && y <= hi + 2;
                    assertTrue(insideBand && Math.min(dx, dy) <= 1,
                            "edge at (" + x + ", " + y + ") is not on the square's border");
                }
            }
        }
        // each side of the 12-pixel square is found along most of its length
        assertTrue(count >= 4 * 8, "only " + count + " edge pixels");
        assertEquals(0f, edges.get(size / 2, size / 2), "the square's inside is flat");
    }

    /** The mask condition is the dataset's exact mask, 0/1 on exactly the painted pixels. */
    @Test
    void maskConditionIsTheExactForegroundMask() {
        Datasets.Splits splits = Datasets.load(DatasetKind.SHAPES, 16, 8, 1, null, 4, new Condition.Mask());
        ImageSet train = splits.train();
        for (int i = 0; i < train.size(); i++) {
            assertArrayEquals(train.masks().get(i).pixels(), train.conditions().get(i).pixels(), "example " + i);
            assertArrayEquals(ShapesDataset.foreground(train.images().get(i)).pixels(),
                    train.conditions().get(i).pixels(), "thresholded image " + i);
        }
    }

    /**
     * The depth oracle inverts the rendering exactly on real samples: it returns the depth map the
     * image was rendered from, and rendering that depth gives back each shape pixel's intensity.
     */
    @Test
    void depthOracleInvertsTheRenderingExactlyOnARealSample() {
        Datasets.Splits splits = Datasets.load(DatasetKind.SHAPES, 16, 20, 1, null, 9, new Condition.Depth());
        ImageSet train = splits.train();
        int shapePixels = 0;
        for (int i = 0; i < train.size(); i++) {
            GrayImage image = train.images().get(i);
            GrayImage depth = train.conditions().get(i);
            assertArrayEquals(train.depths().get(i).pixels(), depth.pixels());
            assertArrayEquals(depth.pixels(), ShapesDataset.oracleDepth(image).pixels(), "oracle on image " + i);
            for (int p = 0; p < depth.pixels().length; p++) {
                float d = depth.pixels()[p];
                assertTrue(d >= 0f && d <= 1f, "depth " + d);
                if (train.masks().get(i).pixels()[p] == 1f) {
                    shapePixels++;
                    assertEquals(image.pixels()[p], ShapesDataset.intensityOfDepth(d), 1e-6f, "pixel " + p);
                } else {
                    assertEquals(ShapesDataset.BACKGROUND_DEPTH, d, "background depth");
                }
            }
        }
        assertTrue(shapePixels > 0);
        // monotone: nearer is brighter
        assertTrue(ShapesDataset.intensityOfDepth(0.2) > ShapesDataset.intensityOfDepth(0.8));
    }

    @Test
    void maskAndDepthConditionsAreRejectedForFashionMnist() {
        DatasetException mask = assertThrows(DatasetException.class, () -> Datasets.load(
                DatasetKind.FASHION_MNIST, 16, 2, 1, java.nio.file.Path.of("/nonexistent"), 0, new Condition.Mask()));
        assertTrue(mask.getMessage().contains("only the procedural shapes dataset"), mask.getMessage());
        assertThrows(DatasetException.class, () -> new Condition.Depth().of(new GrayImage(2, 2, new float[4])));
    }
}
