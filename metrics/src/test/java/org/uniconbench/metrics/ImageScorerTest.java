package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageScorerTest {

    private final CannyEdges edges = CannyEdges.defaults();

    @Test
    void pairScoresAreTheMetricsThemselves() {
        GrayImage target = TestImages.square(32, 32, 8, 8, 24, 24);
        GrayImage generated = TestImages.noisy(target, 5, 0.1);
        ImageScorer.Pair p = ImageScorer.pair(generated, target, null, edges);
        assertEquals(Ssim.compute(generated, target, 1.0), p.ssim(), 0.0);
        assertEquals(Psnr.compute(target, generated, 1.0), p.psnr(), 0.0);
        assertEquals(EdgeF1.compute(edges.detect(generated), edges.detect(target)).f1(), p.edgeF1(), 0.0);
    }

    @Test
    void edgeConditionIsTheTruthInsteadOfTheTargetsEdges() {
        GrayImage target = TestImages.square(32, 32, 8, 8, 24, 24);
        GrayImage elsewhere = TestImages.square(32, 32, 2, 2, 10, 10);
        GrayImage condition = edges.detectAsImage(elsewhere);
        ImageScorer.Pair p = ImageScorer.pair(target, target, condition, edges);
        assertArrayEquals(condition.above(0.5f), p.truthEdges());
        assertNotEquals(1.0, p.edgeF1(), "scored against the condition's edges, not the target's own");
        assertEquals(1.0, ImageScorer.pair(target, target, null, edges).edgeF1(), 0.0);
    }

    @Test
    void ssimIsNullForAPairSmallerThanItsWindow() {
        GrayImage small = TestImages.gradient(8, 8, 0, 1);
        ImageScorer.Pair p = ImageScorer.pair(small, TestImages.noisy(small, 1, 0.1), null, edges);
        assertNull(p.ssim());
        assertEquals(Psnr.compute(TestImages.noisy(small, 1, 0.1), small, 1.0), p.psnr(), 1e-12);
    }

    @Test
    void distanceUsesHalfTheImagesPerKidSubsetAndTheFixedSeed() {
        float[][] a = features(20, 1);
        float[][] b = features(20, 2);
        ImageScorer.Distance d = ImageScorer.distance(a, b);
        Kid kid = Kid.compute(a, b, ImageScorer.KID_SUBSETS, 10, ImageScorer.KID_SEED);
        assertEquals(kid.mean(), d.kid(), 0.0);
        assertEquals(kid.std(), d.kidStd(), 0.0);
        assertEquals(FrechetDistance.compute(a, b).value(), d.fd(), 0.0);
        assertEquals(20, d.n());
        assertEquals(10, d.kidSubsetSize());
    }

    private static float[][] features(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] f = new float[n][4];
        for (float[] row : f) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return f;
    }
}
