package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Mask IoU, depth RMSE and the tolerant edge F1. */
class ControlMetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void maskIouCountsIntersectionOverUnion() {
        assertEquals(1.0 / 3, MaskIou.compute(new boolean[] {T, T, F, F}, new boolean[] {F, T, T, F}),
                1e-15);
        assertEquals(1.0, MaskIou.compute(new boolean[3], new boolean[3]), 0.0);
        assertEquals(0.0, MaskIou.compute(new boolean[] {T, F}, new boolean[2]), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> MaskIou.compute(new boolean[2], new boolean[3]));
    }

    @Test
    void maskIouOfImagesThresholdsAtOneHalf() {
        GrayImage a = GrayImage.of(3, 1, new float[] {0.5f, 0.49f, 1f});
        GrayImage b = GrayImage.of(3, 1, new float[] {1f, 1f, 0f});
        assertEquals(1.0 / 3, MaskIou.compute(a, b), 1e-15);
    }

    @Test
    void depthRmseIsOnTheZeroTo255Scale() {
        GrayImage a = GrayImage.of(2, 1, new float[] {0f, 1f});
        GrayImage b = GrayImage.of(2, 1, new float[] {0f, 0f});
        assertEquals(255 / Math.sqrt(2), DepthRmse.compute(a, b), 1e-12);
        assertEquals(0.0, DepthRmse.compute(a, a), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> DepthRmse.compute(a, GrayImage.of(1, 2, new float[2])));
    }

    @Test
    void toleranceZeroEqualsPixelwiseApartFromTheName() {
        boolean[] p = {T, T, T, F, F, F, F, F};
        boolean[] t = {T, T, F, T, T, T, F, F};
        EdgeF1 pixelwise = EdgeF1.compute(p, t);
        EdgeF1 d0 = EdgeF1.withTolerance(p, t, 4, 0);
        assertEquals(pixelwise.precision(), d0.precision(), 1e-15);
        assertEquals(pixelwise.recall(), d0.recall(), 1e-15);
        assertEquals(pixelwise.f1(), d0.f1(), 1e-15);
        assertEquals("edgeF1", pixelwise.name());
        assertEquals("edgeF1@d0", d0.name());
    }

    @Test
    void toleranceCountsAShiftOfOnePixelIncludingDiagonals() {
        // 5x5: truth at (2,2); prediction at (3,3), one diagonal step away.
        boolean[] truth = new boolean[25];
        boolean[] predicted = new boolean[25];
        truth[2 * 5 + 2] = true;
        predicted[3 * 5 + 3] = true;
        assertEquals(new EdgeF1(0, 0, 0, "edgeF1@d0"), EdgeF1.withTolerance(predicted, truth, 5, 0));
        assertEquals(new EdgeF1(1, 1, 1, "edgeF1@d1"), EdgeF1.withTolerance(predicted, truth, 5, 1));
        // Two steps away: needs d = 2.
        boolean[] far = new boolean[25];
        far[4 * 5 + 4] = true;
        assertEquals(0.0, EdgeF1.withTolerance(far, truth, 5, 1).f1(), 0.0);
        assertEquals("edgeF1@d2", EdgeF1.withTolerance(far, truth, 5, 2).name());
        assertEquals(1.0, EdgeF1.withTolerance(far, truth, 5, 2).f1(), 0.0);
    }

    @Test
    void toleranceIsSymmetricForRecall() {
        // Truth: a row of 3 pixels; prediction: one pixel above the middle. At d = 1 all three truth
        // pixels are within Chebyshev distance 1 of it, so precision and recall are both 1.
        boolean[] truth = new boolean[25];
        boolean[] predicted = new boolean[25];
        truth[2 * 5 + 1] = truth[2 * 5 + 2] = truth[2 * 5 + 3] = true;
        predicted[1 * 5 + 2] = true;
        EdgeF1 s = EdgeF1.withTolerance(predicted, truth, 5, 1);
        assertEquals(1.0, s.precision(), 0.0);
        assertEquals(1.0, s.recall(), 0.0);
        truth[2 * 5 + 4] = true;
        EdgeF1 s2 = EdgeF1.withTolerance(predicted, truth, 5, 1);
        assertEquals(0.75, s2.recall(), 1e-15);
        assertEquals(2 * 0.75 / 1.75, s2.f1(), 1e-15);
    }

    @Test
    void toleranceKeepsTheEmptyMaskConventions() {
        assertEquals(1.0, EdgeF1.withTolerance(new boolean[4], new boolean[4], 2, 3).f1(), 0.0);
        assertEquals(0.0, EdgeF1.withTolerance(new boolean[] {T, F, F, F}, new boolean[4], 2, 3).f1(),
                0.0);
        assertThrows(IllegalArgumentException.class,
                () -> EdgeF1.withTolerance(new boolean[6], new boolean[6], 4, 1));
        assertThrows(IllegalArgumentException.class,
                () -> EdgeF1.withTolerance(new boolean[6], new boolean[6], 3, -1));
    }
}
