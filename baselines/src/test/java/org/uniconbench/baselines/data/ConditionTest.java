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
}
