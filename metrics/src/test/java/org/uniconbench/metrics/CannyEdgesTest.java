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
    // A unit step gives an L1 intensity of at most 0.5 after blurring; 0.6 is never reached.
    boolean[] edges = new CannyEdges(2, 0.55f, 0.6f).detect(SQUARE);
    for (boolean e : edges) {
      assertFalse(e);
    }
  }

  @Test
  void cannyThresholdsApplyToTheHalfCentralDifferenceScale() {
    // The blurred unit step still reaches an intensity above 0.3 on BoofCV's scale.
    boolean[] edges = new CannyEdges(2, 0.25f, 0.3f).detect(SQUARE);
    assertTrue(edges[20 * 40 + 11] || edges[20 * 40 + 12], "left side missing at threshold 0.3");
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
  void defaultsAndAccessors() {
    CannyEdges canny = CannyEdges.defaults();
    assertEquals(2, canny.blurRadius());
    assertEquals(0.1f, canny.lowThreshold());
    assertEquals(0.2f, canny.highThreshold());
  }

  @Test
  void constructorRejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new CannyEdges(0, 0.1f, 0.2f));
    assertThrows(IllegalArgumentException.class, () -> new CannyEdges(2, 0.3f, 0.2f));
    assertThrows(IllegalArgumentException.class, () -> new CannyEdges(2, -0.1f, 0.2f));
  }
}
