package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static final double[] SAMPLE = {4, 1, 3, 2, 10};

    @Test
    void meanMatchesHandComputedValue() {
        assertEquals(4.0, Statistics.mean(SAMPLE), 1e-15);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Statistics.median(SAMPLE), 0.0);
        assertEquals(2.5, Statistics.median(new double[] {4, 1, 3, 2}), 0.0);
    }

    @Test
    void percentileInterpolatesLinearlyLikeNumpy() {
        // sorted 1 2 3 4 10; np.percentile(x, 90) = 4 + 0.6 * (10 - 4) = 7.6, np.percentile(x, 10) = 1.4
        assertEquals(7.6, Statistics.percentile(SAMPLE, 90), 1e-12);
        assertEquals(1.4, Statistics.percentile(SAMPLE, 10), 1e-12);
        assertEquals(1.0, Statistics.percentile(SAMPLE, 0), 0.0);
        assertEquals(10.0, Statistics.percentile(SAMPLE, 100), 0.0);
        assertEquals(7.0, Statistics.percentile(new double[] {7}, 37), 0.0);
    }

    @Test
    void standardDeviationUsesSampleDivisor() {
        // deviations 0 -3 -1 -2 6 -> squares sum 50 -> sqrt(50 / 4)
        assertEquals(Math.sqrt(12.5), Statistics.standardDeviation(SAMPLE), 1e-12);
        assertTrue(Double.isNaN(Statistics.standardDeviation(new double[] {3})));
    }

    @Test
    void statisticsDoNotMutateInput() {
        double[] values = SAMPLE.clone();
        Statistics.median(values);
        Statistics.percentile(values, 25);
        Statistics.standardDeviation(values);
        assertArrayEquals(SAMPLE, values, 0.0);
    }

    @Test
    void statisticsRejectEmptyNaNAndBadPercentile() {
        assertThrows(IllegalArgumentException.class, () -> Statistics.mean(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.median(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Statistics.percentile(SAMPLE, 101));
    }
}
