package org.uniconbench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StudentTTest {

    /** Reference quantiles from R's qt(p, df) (equal to scipy.stats.t.ppf to the digits shown). */
    @Test
    void quantilesMatchPublishedTables() {
        assertEquals(12.706204736, StudentT.quantile(0.975, 1), 1e-8);
        assertEquals(4.302652730, StudentT.quantile(0.975, 2), 1e-8);
        assertEquals(3.182446305, StudentT.quantile(0.975, 3), 1e-8);
        assertEquals(2.776445105, StudentT.quantile(0.975, 4), 1e-8);
        assertEquals(2.262157163, StudentT.quantile(0.975, 9), 1e-8);
        assertEquals(1.812461123, StudentT.quantile(0.95, 10), 1e-8);
        assertEquals(2.042272456, StudentT.quantile(0.975, 30), 1e-8);
        assertEquals(4.032142984, StudentT.quantile(0.995, 5), 1e-8);
        assertEquals(1.959966, StudentT.quantile(0.975, 1e6), 1e-5, "large df tends to the normal's 1.959964");
    }

    @Test
    void quantilesAreSymmetricAndInvertTheDistributionFunction() {
        assertEquals(-StudentT.quantile(0.975, 4), StudentT.quantile(0.025, 4), 1e-12);
        assertEquals(0, StudentT.quantile(0.5, 7), 0);
        for (double df : new double[] {1, 2.5, 4, 17, 200}) {
            for (double p : new double[] {0.001, 0.1, 0.6, 0.9, 0.975, 0.9999}) {
                assertEquals(p, StudentT.cdf(StudentT.quantile(p, df), df), 1e-12, "df " + df + ", p " + p);
            }
        }
    }

    @Test
    void distributionFunctionMatchesClosedForms() {
        assertEquals(0.75, StudentT.cdf(1, 1), 1e-14, "Cauchy: 1/2 + atan(1)/pi");
        // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2))
        assertEquals(0.5 + 3 / (2 * Math.sqrt(11)), StudentT.cdf(3, 2), 1e-14);
        assertEquals(0.5, StudentT.cdf(0, 9), 0);
        assertEquals(1 - StudentT.cdf(2, 5), StudentT.cdf(-2, 5), 1e-14);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 4));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(Double.NaN, 3));
    }
}
