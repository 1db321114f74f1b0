package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PsnrTest {

    /* Reference values from scikit-image 0.26.0 peak_signal_noise_ratio on float64 copies. */

    @Test
    void psnrMatchesScikitImageOnNoisyGradient() {
        GrayImage a = TestImages.gradient(32, 32, 0.0, 1.0);
        assertEquals(24.758946626693707, Psnr.compute(a, TestImages.noisy(a, 1, 0.2), 1.0), 1e-9);
    }

    @Test
    void psnrMatchesScikitImageOnOddNonSquareImageWithRange255() {
        GrayImage a = TestImages.random(23, 17, 7, 255.0);
        assertEquals(26.912468563792032, Psnr.compute(a, TestImages.noisy(a, 9, 40.0), 255.0), 1e-9);
    }

    @Test
    void psnrMatchesScikitImageWithRange2() {
        GrayImage a = TestImages.gradient(11, 11, -1.0, 1.0);
        assertEquals(23.436108644251874, Psnr.compute(a, TestImages.noisy(a, 3, 0.5), 2.0), 1e-9);
    }

    @Test
    void psnrMatchesHandComputedValue() {
        // MSE = (0.1^2 + 0) / 2 = 0.005 -> 10 log10(1 / 0.005) = 23.0103
        GrayImage a = GrayImage.of(2, 1, new float[] {0.5f, 0.25f});
        GrayImage b = GrayImage.of(2, 1, new float[] {0.6f, 0.25f});
        double d = (double) 0.6f - 0.5f;
        assertEquals(10 * Math.log10(1 / (d * d / 2)), Psnr.compute(a, b, 1.0), 1e-12);
        assertEquals(23.0103, Psnr.compute(a, b, 1.0), 1e-3);
    }

    @Test
    void psnrOfIdenticalImagesIsPositiveInfinity() {
        GrayImage a = TestImages.random(5, 3, 1, 1.0);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.compute(a, a, 1.0));
    }

    @Test
    void psnrRejectsDifferentSizesAndBadRange() {
        GrayImage a = GrayImage.of(2, 2, new float[4]);
        assertThrows(IllegalArgumentException.class,
                () -> Psnr.compute(a, GrayImage.of(4, 1, new float[4]), 1.0));
        assertThrows(IllegalArgumentException.class, () -> Psnr.compute(a, a, -1.0));
    }
}
