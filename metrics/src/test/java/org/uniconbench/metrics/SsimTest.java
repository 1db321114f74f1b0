package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SsimTest {

    /*
     * Reference values from scikit-image 0.26.0 (scipy 1.17.1, numpy 2.4.6):
     * structural_similarity(a.astype(float64), b.astype(float64), gaussian_weights=True, sigma=1.5,
     * use_sample_covariance=False, data_range=R) on the TestImages generators (float32 pixels).
     */

    @Test
    void ssimMatchesScikitImageOnNoisyGradient() {
        GrayImage a = TestImages.gradient(32, 32, 0.0, 1.0);
        GrayImage b = TestImages.noisy(a, 1, 0.2);
        assertEquals(-0.015358174219727516, b.get(0, 0), 0.0, "generator differs from the Python one");
        assertEquals(0.5167473191578025, Ssim.compute(a, b, 1.0), 1e-6);
    }

    @Test
    void ssimMatchesScikitImageOnOddNonSquareImageWithRange255() {
        GrayImage a = TestImages.random(23, 17, 7, 255.0);
        GrayImage b = TestImages.noisy(a, 9, 40.0);
        assertEquals(94.7508544921875, b.get(22, 16), 0.0, "generator differs from the Python one");
        assertEquals(0.9873786812244754, Ssim.compute(a, b, 255.0), 1e-6);
    }

    @Test
    void ssimMatchesScikitImageOnSmallestImageWithNegativeValues() {
        GrayImage a = TestImages.gradient(11, 11, -1.0, 1.0);
        GrayImage b = TestImages.noisy(a, 3, 0.5);
        assertEquals(0.7366335659764361, Ssim.compute(a, b, 2.0), 1e-6);
    }

    @Test
    void ssimMatchesScikitImageOnTallUncorrelatedImages() {
        GrayImage a = TestImages.random(12, 40, 11, 1.0);
        GrayImage b = TestImages.random(12, 40, 12, 1.0);
        assertEquals(0.02446694429174324, Ssim.compute(a, b, 1.0), 1e-6);
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        GrayImage a = TestImages.random(20, 15, 5, 1.0);
        assertEquals(1.0, Ssim.compute(a, a, 1.0), 1e-12);
    }

    @Test
    void ssimIsSymmetric() {
        GrayImage a = TestImages.gradient(16, 14, 0.0, 1.0);
        GrayImage b = TestImages.noisy(a, 4, 0.3);
        assertEquals(Ssim.compute(a, b, 1.0), Ssim.compute(b, a, 1.0), 1e-12);
    }

    @Test
    void ssimDropsAsNoiseGrows() {
        GrayImage a = TestImages.gradient(24, 24, 0.0, 1.0);
        double mild = Ssim.compute(a, TestImages.noisy(a, 2, 0.05), 1.0);
        double strong = Ssim.compute(a, TestImages.noisy(a, 2, 0.5), 1.0);
        assertTrue(mild > strong, "mild " + mild + " should exceed strong " + strong);
    }

    @Test
    void ssimRejectsImagesSmallerThanTheWindowNamingSizeAndMinimum() {
        GrayImage small = GrayImage.of(20, 10, new float[200]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ssim.compute(small, small, 1.0));
        assertTrue(e.getMessage().contains("20x10") && e.getMessage().contains("11x11"),
                e.getMessage());
    }

    @Test
    void ssimRejectsImagesOfDifferentSizes() {
        GrayImage a = GrayImage.of(12, 12, new float[144]);
        GrayImage b = GrayImage.of(12, 13, new float[156]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ssim.compute(a, b, 1.0));
        assertTrue(e.getMessage().contains("12x12") && e.getMessage().contains("12x13"),
                e.getMessage());
    }

    @Test
    void ssimRejectsNonPositiveDataRange() {
        GrayImage a = GrayImage.of(12, 12, new float[144]);
        assertThrows(IllegalArgumentException.class, () -> Ssim.compute(a, a, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Ssim.compute(a, a, Double.NaN));
    }

    @Test
    void reflectIsHalfSampleSymmetric() {
        // d c b a | a b c d | d c b a for n = 4
        int[] expected = {3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0};
        for (int i = -4; i < 8; i++) {
            assertEquals(expected[i + 4], Ssim.reflect(i, 4), "index " + i);
        }
    }

    @Test
    void gaussianWindowHasElevenNormalisedTaps() {
        double[] k = Ssim.gaussianKernel(Ssim.SIGMA, Ssim.RADIUS);
        assertEquals(11, k.length);
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-15);
        assertEquals(k[0], k[10], 0.0);
    }
}
