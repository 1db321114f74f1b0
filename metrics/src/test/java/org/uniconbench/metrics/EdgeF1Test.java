package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EdgeF1Test {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void edgeF1CountsPixelwiseWithoutTolerance() {
        // TP = 2, FP = 1, FN = 3 -> P = 2/3, R = 2/5, F1 = 4 / (4 + 1 + 3) = 0.5
        boolean[] predicted = {T, T, T, F, F, F, F, F};
        boolean[] truth = {T, T, F, T, T, T, F, F};
        EdgeF1 s = EdgeF1.compute(predicted, truth);
        assertEquals(2.0 / 3, s.precision(), 1e-15);
        assertEquals(0.4, s.recall(), 1e-15);
        assertEquals(0.5, s.f1(), 1e-15);
    }

    @Test
    void edgeF1ShiftedByOnePixelScoresZero() {
        EdgeF1 s = EdgeF1.compute(new boolean[] {F, T, F}, new boolean[] {T, F, F});
        assertEquals(new EdgeF1(0, 0, 0), s);
    }

    @Test
    void edgeF1OfIdenticalMasksIsOne() {
        boolean[] m = {F, T, T, F};
        assertEquals(new EdgeF1(1, 1, 1), EdgeF1.compute(m, m.clone()));
    }

    @Test
    void edgeF1OfTwoEmptyMasksIsOne() {
        assertEquals(new EdgeF1(1, 1, 1), EdgeF1.compute(new boolean[4], new boolean[4]));
    }

    @Test
    void edgeF1WithNoPredictionButSomeTruthIsZero() {
        assertEquals(new EdgeF1(0, 0, 0), EdgeF1.compute(new boolean[3], new boolean[] {F, T, F}));
    }

    @Test
    void edgeF1WithPredictionButNoTruthIsZero() {
        assertEquals(new EdgeF1(0, 0, 0), EdgeF1.compute(new boolean[] {T, F, F}, new boolean[3]));
    }

    @Test
    void edgeF1RejectsMasksOfDifferentLength() {
        assertThrows(IllegalArgumentException.class,
                () -> EdgeF1.compute(new boolean[3], new boolean[4]));
    }
}
