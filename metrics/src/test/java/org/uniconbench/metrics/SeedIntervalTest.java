package org.uniconbench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedIntervalTest {

    @Test
    void fiveSeedsGiveAStudentTIntervalOfTheMean() {
        double[] v = {1, 2, 3, 4, 5};
        SeedInterval i = SeedInterval.mean(v, true);
        double half = 2.776445105 * Math.sqrt(2.5) / Math.sqrt(5); // t(0.975, 4) * sd / sqrt(n)
        assertEquals(3, i.estimate(), 1e-12);
        assertEquals(3 - half, i.low(), 1e-8);
        assertEquals(3 + half, i.high(), 1e-8);
        assertEquals(0.95, i.level());
        assertEquals("t", i.method());
        assertEquals(5, i.n());
        assertEquals("95% t, n = 5", i.describe());
    }

    @Test
    void pairedRatiosAreATIntervalOnTheLogRatio() {
        double[] den = {100, 200, 50, 80, 120};
        double[] logs = {-0.3, -0.1, -0.2, -0.25, -0.15};
        double[] num = new double[5];
        for (int i = 0; i < 5; i++) {
            num[i] = den[i] * Math.exp(logs[i]);
        }
        SeedInterval r = SeedInterval.pairedRatio(num, den, true);
        SeedInterval onLogs = SeedInterval.mean(logs, true);
        assertEquals(Math.exp(-0.2), r.estimate(), 1e-12, "the geometric mean of the per-seed ratios");
        assertEquals(Math.exp(onLogs.low()), r.low(), 1e-12);
        assertEquals(Math.exp(onLogs.high()), r.high(), 1e-12);
        assertEquals(SeedInterval.LOG_RATIO_T, r.method());
        assertTrue(r.isConfidenceInterval());
    }

    @Test
    void fewerThanFiveSeedsGiveTheRangeWithNoLevel() {
        SeedInterval r = SeedInterval.pairedRatio(new double[] {7, 9, 8}, new double[] {10, 10, 10}, true);
        assertEquals(0.7, r.low(), 1e-12);
        assertEquals(0.9, r.high(), 1e-12);
        assertNull(r.level(), "a range of three seeds is no 95% interval");
        assertEquals("range", r.method());
        assertFalse(r.isConfidenceInterval());
        assertEquals("range of 3 seeds", r.describe());
        assertEquals("range", SeedInterval.mean(new double[] {1, 2, 3, 4, 5}, false).method(),
                "a run that asks for ranges gets ranges at any n");
    }

    @Test
    void aRatioThroughZeroFallsBackToTheRatiosThemselves() {
        SeedInterval r = SeedInterval.pairedRatio(new double[] {0, 1, 2, 1, 1}, new double[] {1, 1, 1, 1, 1}, true);
        assertEquals(SeedInterval.RATIO_T, r.method());
        assertEquals(1, r.estimate(), 1e-12);
    }

    @Test
    void rejectsFailedMeasurements() {
        assertThrows(IllegalArgumentException.class, () -> SeedInterval.mean(new double[] {1, Double.NaN}, true));
        assertThrows(IllegalArgumentException.class,
                () -> SeedInterval.pairedRatio(new double[] {1}, new double[] {0}, true));
        assertThrows(IllegalArgumentException.class, () -> SeedInterval.mean(new double[0], true));
    }
}
