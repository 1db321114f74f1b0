package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** FeatureStatistics, FrechetDistance and Kid on hand-checkable inputs. */
class FeatureDistanceTest {

    @Test
    void featureStatisticsUseTheUnbiasedCovariance() {
        FeatureStatistics s = FeatureStatistics.of(new double[][] {{1, 2}, {3, 2}, {5, 8}});
        assertEquals(3, s.count());
        assertEquals(3.0, s.mean()[0], 1e-15);
        assertEquals(4.0, s.mean()[1], 1e-15);
        // deviations x: -2 0 2, y: -2 -2 4 -> var x = 8/2, cov = (4 + 0 + 8)/2, var y = 24/2
        assertEquals(4.0, s.covariance(0, 0), 1e-12);
        assertEquals(6.0, s.covariance(0, 1), 1e-12);
        assertEquals(12.0, s.covariance(1, 1), 1e-12);
    }

    @Test
    void frechetDistanceOfOneDimensionalGaussiansIsClosedForm() {
        // 1-D: (mu1 - mu2)^2 + (s1 - s2)^2 with s the standard deviations.
        float[][] a = {{0}, {2}};
        float[][] b = {{10}, {14}};
        FrechetDistance fd = FrechetDistance.compute(a, b);
        double s1 = Math.sqrt(2);
        double s2 = Math.sqrt(8);
        assertEquals(11 * 11 + (s1 - s2) * (s1 - s2), fd.value(), 1e-9);
        assertEquals(2, fd.countA());
        assertEquals(2, fd.countB());
    }

    @Test
    void frechetDistanceOfASetWithItselfIsZero() {
        float[][] a = ReferenceCrossCheckTest.features(100, 10, 1, 1.0, 0.0);
        assertEquals(0.0, FrechetDistance.compute(a, a).value(), 1e-9);
    }

    @Test
    void frechetDistanceRejectsDifferentDimensionsAndTooFewRows() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.compute(new float[][] {{1}, {2}}, new float[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureStatistics.of(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureStatistics.of(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void kidIsDeterministicForASeedAndCarriesCounts() {
        float[][] a = ReferenceCrossCheckTest.features(120, 8, 1, 1.0, 0.0);
        float[][] b = ReferenceCrossCheckTest.features(150, 8, 2, 1.0, 0.5);
        Kid k1 = Kid.compute(a, b, 10, 50, 7);
        Kid k2 = Kid.compute(a, b, 10, 50, 7);
        Kid k3 = Kid.compute(a, b, 10, 50, 8);
        assertEquals(k1, k2);
        assertNotEquals(k1.mean(), k3.mean());
        assertEquals(120, k1.countA());
        assertEquals(150, k1.countB());
        assertEquals(50, k1.subsetSize());
        assertTrue(k1.mean() > 0 && k1.std() > 0, k1.toString());
    }

    @Test
    void kidDefaultsCapTheSubsetSizeAtTheSmallerSet() {
        float[][] a = ReferenceCrossCheckTest.features(30, 4, 1, 1.0, 0.0);
        float[][] b = ReferenceCrossCheckTest.features(40, 4, 2, 1.0, 0.0);
        Kid k = Kid.compute(a, b, 0);
        assertEquals(30, k.subsetSize());
        assertEquals(100, k.subsets());
        assertTrue(Math.abs(k.mean()) < 0.5, k.toString());
    }

    @Test
    void kidRejectsBadArguments() {
        float[][] a = {{1}, {2}};
        assertThrows(IllegalArgumentException.class, () -> Kid.compute(a, a, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> Kid.compute(a, a, 1, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Kid.compute(a, new float[][] {{1, 2}, {3, 4}}, 1, 2, 1));
    }
}
