package org.uniconbench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    @Test
    void meanIntervalContainsTheMeanAndIsDeterministic() {
        double[] v = {0.61, 0.64, 0.58, 0.66, 0.62};
        Bootstrap.Interval a = Bootstrap.mean(v, 2000, 7);
        Bootstrap.Interval b = Bootstrap.mean(v, 2000, 7);
        assertEquals(0.622, a.estimate(), 1e-12);
        assertTrue(a.low() < a.estimate() && a.estimate() < a.high(), a.toString());
        assertTrue(a.low() >= 0.58 && a.high() <= 0.66, "inside the data's range: " + a);
        assertEquals(a, b);
        assertEquals(5, a.n());
    }

    @Test
    void moreSeedsGiveANarrowerInterval() {
        double[] few = {1, 3, 2, 4};
        double[] many = new double[64];
        for (int i = 0; i < many.length; i++) {
            many[i] = few[i % 4];
        }
        Bootstrap.Interval wide = Bootstrap.mean(few, 4000, 1);
        Bootstrap.Interval narrow = Bootstrap.mean(many, 4000, 1);
        assertEquals(wide.estimate(), narrow.estimate(), 1e-12);
        assertTrue(narrow.high() - narrow.low() < (wide.high() - wide.low()) / 2, wide + " vs " + narrow);
    }

    @Test
    void pairedRatioKeepsThePairing() {
        // every seed has the numerator at exactly 2/3 of the denominator: the pairing makes that certain
        double[] memoryControlNet = {300, 450, 600};
        double[] memoryUniCon = {200, 300, 400};
        Bootstrap.Interval r = Bootstrap.pairedRatio(memoryUniCon, memoryControlNet, 2000, 3);
        assertEquals(2.0 / 3, r.estimate(), 1e-12);
        assertEquals(2.0 / 3, r.low(), 1e-12);
        assertEquals(2.0 / 3, r.high(), 1e-12);
    }

    @Test
    void oneSeedCollapsesTheIntervalAndSaysNIsOne() {
        Bootstrap.Interval r = Bootstrap.mean(new double[] {0.5}, 100, 0);
        assertEquals(new Bootstrap.Interval(0.5, 0.5, 0.5, 1), r);
    }

    @Test
    void mismatchedOrNonFiniteInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.pairedRatio(new double[] {1}, new double[] {1, 2}, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(new double[] {1, Double.NaN}, 10, 0));
    }
}
