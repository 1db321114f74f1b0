package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CannyEdgesTest {

    /** 40x40 image, square covering [12, 28) x [12, 28); the boundary lies between 11|12 and 27|28. */
    private static final GrayImage SQUARE = TestImages.square(40, 40, 12, 12, 28, 28);

    /**
     * Chebyshev distance from pixel (x, y) to the boundary band: the pixels on either side of the
     * step, i.e. rows/columns 11, 12, 27 and 28 of the ring between [11, 28]^2 and [13, 26]^2.
     */
    private static int distanceToBoundary(int x, int y) {
        boolean insideOuter = x >= 11 && x <= 28 && y >= 11 && y <= 28;
        boolean insideInner = x >= 13 && x <= 26 && y >= 13 && y <= 26;
        if (insideOuter && !insideInner) {
            return 0;
        }
        if (insideOuter) {
            return Math.min(Math.min(x - 12, 27 - x), Math.min(y - 12, 27 - y));
        }
        return Math.max(Math.max(11 - x, x - 28), Math.max(11 - y, y - 28));
    }

    @Test
    void cannyFindsTheBoundaryOfAFilledSquareAndNothingElse() {
        boolean[] edges = CannyEdges.defaults().detect(SQUARE);
        int onBoundary = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                if (edges[y * 40 + x]) {
                    int d = distanceToBoundary(x, y);
                    assertTrue(d <= 1, "edge at (" + x + ", " + y + ") is " + d + " px from the step");
                    if (d == 0) {
                        onBoundary++;
                    }
                }
            }
        }
        // A closed contour around the 16x16 square has about 60 pixels; corners may be cut by the blur.
        assertTrue(onBoundary >= 48, "only " + onBoundary + " edge pixels on the boundary");
        // Each side is found: the midpoint row/column crosses an edge within the boundary band.
        assertTrue(edges[20 * 40 + 11] || edges[20 * 40 + 12], "left side missing");
        assertTrue(edges[20 * 40 + 27] || edges[20 * 40 + 28], "right side missing");
        assertTrue(edges[11 * 40 + 20] || edges[12 * 40 + 20], "top side missing");
        assertTrue(edges[27 * 40 + 20] || edges[28 * 40 + 20], "bottom side missing");
    }

    @Test
    void cannyFindsNoEdgesInAFlatImage() {
        float[] flat = new float[30 * 20];
        Arrays.fill(flat, 0.7f);
        boolean[] edges = CannyEdges.defaults().detect(GrayImage.of(30, 20, flat));
        for (boolean e : edges) {
            assertFalse(e);
        }
    }

    @Test
    void cannyHighThresholdAboveStepStrengthFindsNothing() {
        // kornia's scale: a unit step reaches about 2.59 after the 5x5 blur; 2.7 is never reached.
        boolean[] edges = new CannyEdges(2, 2.65f, 2.7f).detect(SQUARE);
        for (boolean e : edges) {
            assertFalse(e);
        }
    }

    @Test
    void cannyThresholdsApplyToKorniasUnnormalisedSobelScale() {
        // 2.5 is 8 times the normalised Sobel's 0.31: still below the blurred step's 2.59.
        boolean[] edges = new CannyEdges(2, 2.45f, 2.5f).detect(SQUARE);
        assertTrue(edges[20 * 40 + 11], "left side missing at threshold 2.5");
    }

    @Test
    void cannyKeepsTheLeftOrUpperPixelOfATieAcrossAStep() {
        // Without the blur both pixels next to a step have magnitude exactly 4; kornia keeps the left
        // (upper) one, on every side of the square (the goldens hold kornia's own answer, square40_r0).
        boolean[] edges = new CannyEdges(0, 0.1f, 0.2f).detect(SQUARE);
        assertTrue(edges[20 * 40 + 11] && !edges[20 * 40 + 12], "left side");
        assertTrue(edges[20 * 40 + 27] && !edges[20 * 40 + 28], "right side");
        assertTrue(edges[11 * 40 + 20] && !edges[12 * 40 + 20], "top side");
        assertTrue(edges[27 * 40 + 20] && !edges[28 * 40 + 20], "bottom side");
    }

    @Test
    void weakEdgesSurviveOnlyWhenConnectedToAStrongOne() {
        // Two vertical steps: a strong one (0 -> 1) and a weak one (0.2 -> 0.25) far from it. With
        // low 0.1 and high 0.2 the weak step (magnitude about 0.13) is weak and not connected: gone.
        int w = 40;
        int h = 20;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = x < 10 ? 0f : x < 20 ? 1f : x < 30 ? 0.2f : 0.25f;
            }
        }
        boolean[] edges = CannyEdges.defaults().detect(GrayImage.of(w, h, p));
        assertTrue(edges[10 * w + 9], "strong step at x = 9|10 found");
        for (int y = 0; y < h; y++) {
            assertFalse(edges[y * w + 29] || edges[y * w + 30], "isolated weak step kept at row " + y);
        }
        // The same weak step becomes an edge when the high threshold drops below its magnitude.
        boolean[] lower = new CannyEdges(2, 0.1f, 0.12f).detect(GrayImage.of(w, h, p));
        assertTrue(lower[10 * w + 29] || lower[10 * w + 30], "weak step above the high threshold found");
    }

    @Test
    void tinyImagesGetAnAnswerWhereKorniaRefusesThem() {
        // kornia's reflect padding needs each side > 2 for the 5x5 blur; we fold the reflection again.
        boolean[] edges = CannyEdges.defaults().detect(GrayImage.of(2, 1, new float[] {0f, 1f}));
        assertEquals(2, edges.length);
        assertEquals(1, CannyEdges.defaults().detect(GrayImage.of(1, 1, new float[] {0.5f})).length);
    }

    @Test
    void detectAsImageMarksEdgesWithOne() {
        CannyEdges canny = CannyEdges.defaults();
        boolean[] mask = canny.detect(SQUARE);
        GrayImage img = canny.detectAsImage(SQUARE);
        for (int i = 0; i < mask.length; i++) {
            assertEquals(mask[i] ? 1f : 0f, img.pixels()[i], "pixel " + i);
        }
    }

    @Test
    void cannyGivesTheSameResultFromManyThreads() throws Exception {
        CannyEdges canny = CannyEdges.defaults();
        boolean[] expected = canny.detect(SQUARE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] futures = new Future<?>[8];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = pool.submit(() -> canny.detect(SQUARE));
            }
            for (Future<?> f : futures) {
                assertTrue(Arrays.equals(expected, (boolean[]) f.get()));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void defaultsAreKorniasCanny() {
        CannyEdges canny = CannyEdges.defaults();
        assertEquals(2, canny.blurRadius());
        assertEquals(5, canny.kernelSize());
        assertEquals(1f, canny.sigma());
        assertEquals(0.1f, canny.lowThreshold());
        assertEquals(0.2f, canny.highThreshold());
    }

    @Test
    void constructorRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new CannyEdges(-1, 0.1f, 0.2f));
        assertThrows(IllegalArgumentException.class,
                () -> new CannyEdges(CannyEdges.MAX_BLUR_RADIUS + 1, 0.1f, 0.2f));
        assertThrows(IllegalArgumentException.class, () -> new CannyEdges(2, 0.3f, 0.2f));
        assertThrows(IllegalArgumentException.class, () -> new CannyEdges(2, 0f, 0.2f));
        assertThrows(IllegalArgumentException.class, () -> new CannyEdges(2, -0.1f, 0.2f));
        assertEquals(0, new CannyEdges(0, 0.1f, 0.2f).blurRadius(), "radius 0 (no blur) is allowed");
    }
}
