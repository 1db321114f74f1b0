package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;
import org.uniconbench.metrics.SeedInterval;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated experiments with a known truth, run through the harness's own interval
 * ({@link SeedInterval}) and verdict ({@link ClaimRule}) code: the intervals cover the truth at their
 * stated level, and with the truth on a claim's threshold the verdict is decisive no more often than
 * the level allows. A 3-seed percentile bootstrap (what the harness used before) fails the same
 * checks. Deterministic (fixed seeds); tolerances are 3.29 binomial standard deviations (two-sided
 * 0.1%), so a correct method passes and a wrong one is far outside.
 */
class IntervalCoverageTest {

    private static final int EXPERIMENTS = 4000;

    /** Per-seed values of one simulated paired experiment: a shared seed effect, log-normal noise per arm. */
    private static double[][] pairedExperiment(SplittableRandom random, int seeds, double trueRatio, double sigma) {
        double[] numerator = new double[seeds];
        double[] denominator = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            double seedEffect = 100 * Math.exp(0.3 * random.nextGaussian()); // the pairing the ratio removes
            denominator[s] = seedEffect * Math.exp(sigma * random.nextGaussian());
            numerator[s] = trueRatio * seedEffect * Math.exp(sigma * random.nextGaussian());
        }
        return new double[][] {numerator, denominator};
    }

    private static double tolerance(double p) {
        return 3.29 * Math.sqrt(p * (1 - p) / EXPERIMENTS);
    }

    private static boolean withinStatedLevel(double coverage) {
        return Math.abs(coverage - SeedInterval.LEVEL) <= tolerance(SeedInterval.LEVEL);
    }

    @Test
    void pairedLogRatioIntervalsCoverTheTrueRatioAtTheStatedLevel() {
        for (int seeds : new int[] {5, 8}) {
            for (double trueRatio : new double[] {0.67, 1.0, 2.3}) {
                SplittableRandom random = new SplittableRandom(seeds * 1000L + Math.round(trueRatio * 100));
                int covered = 0;
                for (int i = 0; i < EXPERIMENTS; i++) {
                    double[][] x = pairedExperiment(random, seeds, trueRatio, 0.15);
                    SeedInterval r = SeedInterval.pairedRatio(x[0], x[1], true);
                    assertEquals(SeedInterval.LOG_RATIO_T, r.method());
                    covered += r.low() <= trueRatio && trueRatio <= r.high() ? 1 : 0;
                }
                double coverage = covered / (double) EXPERIMENTS;
                assertTrue(withinStatedLevel(coverage),
                        seeds + " seeds, ratio " + trueRatio + ": coverage " + coverage);
            }
        }
    }

    @Test
    void meanIntervalsCoverTheTrueMeanAtTheStatedLevel() {
        SplittableRandom random = new SplittableRandom(7);
        int covered = 0;
        for (int i = 0; i < EXPERIMENTS; i++) {
            double[] v = new double[5];
            for (int s = 0; s < v.length; s++) {
                v[s] = 0.6 + 0.05 * random.nextGaussian();
            }
            SeedInterval m = SeedInterval.mean(v, true);
            covered += m.low() <= 0.6 && 0.6 <= m.high() ? 1 : 0;
        }
        double coverage = covered / (double) EXPERIMENTS;
        assertTrue(withinStatedLevel(coverage), "coverage " + coverage);
    }

    /** Verdict counts of {@code rule} over simulated experiments whose true ratio is {@code truth}. */
    private static double[] verdictRates(ClaimRule rule, double truth, int seeds, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int holds = 0;
        int fails = 0;
        for (int i = 0; i < EXPERIMENTS; i++) {
            double[][] x = pairedExperiment(random, seeds, truth, sigma);
            String verdict = rule.verdict(SeedInterval.pairedRatio(x[0], x[1], true));
            holds += ClaimRule.HOLDS.equals(verdict) ? 1 : 0;
            fails += ClaimRule.DOES_NOT_HOLD.equals(verdict) ? 1 : 0;
        }
        return new double[] {holds / (double) EXPERIMENTS, fails / (double) EXPERIMENTS};
    }

    @Test
    void withTheTruthOnAThresholdTheVerdictIsDecisiveNoMoreThanAlpha() {
        double alpha = 1 - SeedInterval.LEVEL;
        // "controls better": truth exactly equal; holds and does-not-hold are both wrong
        double[] equal = verdictRates(ClaimRule.above(1, 1), 1.0, 5, 0.15, 11);
        assertTrue(equal[0] + equal[1] <= alpha + tolerance(alpha), "decisive " + (equal[0] + equal[1]));
        assertTrue(equal[0] + equal[1] >= alpha - tolerance(alpha), "an exact interval is not conservative either");
        assertTrue(equal[0] <= alpha / 2 + tolerance(alpha / 2), "false holds " + equal[0]);
        // "a third less memory": truth on the holds threshold, then on the fails threshold
        double[] atHolds = verdictRates(ClaimRule.atMost(0.80, 0.95), 0.80, 5, 0.15, 12);
        assertTrue(atHolds[0] <= alpha / 2 + tolerance(alpha / 2), "false holds " + atHolds[0]);
        double[] atFails = verdictRates(ClaimRule.atMost(0.80, 0.95), 0.95, 5, 0.15, 13);
        assertTrue(atFails[1] <= alpha / 2 + tolerance(alpha / 2), "false does-not-hold " + atFails[1]);
        // and a real effect is found: the paper's 0.67 with five seeds at 5% noise per arm (memory passes
        // agree within a few percent) holds almost always; at 15% noise per arm it would hold about 60% of the time
        double[] real = verdictRates(ClaimRule.atMost(0.80, 0.95), 0.67, 5, 0.05, 14);
        assertTrue(real[0] > 0.9, "power " + real[0]);
    }

    @Test
    void theHarnessNeverDecidesOnThreeSeeds() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 500; i++) {
            double[][] x = pairedExperiment(random, 3, 1.0, 0.15);
            SeedInterval r = SeedInterval.pairedRatio(x[0], x[1], true);
            assertEquals("range", r.method());
            assertEquals(ClaimRule.INCONCLUSIVE, ClaimRule.above(1, 1).verdict(r));
        }
    }

    /** The old way: a percentile bootstrap of the ratio of means over three seeds, 2.5th to 97.5th percentile. */
    private static double[] percentileBootstrap(double[] num, double[] den, SplittableRandom random) {
        double[] stats = new double[1000];
        for (int b = 0; b < stats.length; b++) {
            double top = 0;
            double bottom = 0;
            for (int i = 0; i < num.length; i++) {
                int k = random.nextInt(num.length);
                top += num[k];
                bottom += den[k];
            }
            stats[b] = top / bottom;
        }
        Arrays.sort(stats);
        return new double[] {stats[24], stats[975]};
    }

    @Test
    void aThreeSeedPercentileBootstrapFailsTheseChecks() {
        SplittableRandom random = new SplittableRandom(31);
        int covered = 0;
        int decisive = 0;
        for (int i = 0; i < EXPERIMENTS; i++) {
            double[][] x = pairedExperiment(random, 3, 1.0, 0.15);
            double[] ci = percentileBootstrap(x[0], x[1], random);
            covered += ci[0] <= 1.0 && 1.0 <= ci[1] ? 1 : 0;
            decisive += ci[0] > 1 || ci[1] <= 1 ? 1 : 0;
        }
        double coverage = covered / (double) EXPERIMENTS;
        double falseVerdicts = decisive / (double) EXPERIMENTS;
        assertFalse(withinStatedLevel(coverage), "coverage " + coverage);
        assertTrue(coverage < 0.85, "about 75%: the range of three seeds; found " + coverage);
        assertTrue(falseVerdicts > 0.15, "about 25% decisive under the null (all seeds on one side); found "
                + falseVerdicts);
    }
}
