package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MsSsimTest {

    @Test
    void msSsimOfIdenticalImagesIsOne() {
        GrayImage a = TestImages.random(176, 180, 3, 1.0);
        assertEquals(1.0, MsSsim.compute(a, a, 1.0), 1e-12);
    }

    @Test
    void msSsimWithOneScaleIsSsim() {
        GrayImage a = TestImages.gradient(23, 17, 0.0, 1.0);
        GrayImage b = TestImages.noisy(a, 5, 0.3);
        assertEquals(Ssim.compute(a, b, 1.0), MsSsim.compute(a, b, 1.0, new double[] {1.0}), 1e-15);
    }

    @Test
    void msSsimRejectsImagesTooSmallForFiveScalesNamingTheMinimum() {
        GrayImage a = TestImages.random(175, 200, 1, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsSsim.compute(a, a, 1.0));
        assertTrue(e.getMessage().contains("176x176") && e.getMessage().contains("175x200"),
                e.getMessage());
        assertEquals(176, MsSsim.minimumSide(5));
    }

    @Test
    void msSsimAcceptsSmallImagesWithFewerScales() {
        GrayImage a = TestImages.gradient(44, 44, 0.0, 1.0);
        GrayImage b = TestImages.noisy(a, 2, 0.2);
        double v = MsSsim.compute(a, b, 1.0, new double[] {0.5, 0.3, 0.2});
        assertTrue(v > 0 && v < 1, "MS-SSIM " + v);
    }

    @Test
    void halvingDropsAnOddLastRowAndColumn() {
        double[] in = {1, 3, 9, 5, 7, 9, 9, 9, 9};
        assertEquals(4.0, MsSsim.halve(in, 3, 3)[0], 0.0);
        assertEquals(1, MsSsim.halve(in, 3, 3).length);
    }

    @Test
    void fastSsimEqualsFilteringTheWholeImageAndCropping() {
        GrayImage a = TestImages.random(19, 14, 8, 1.0);
        GrayImage b = TestImages.noisy(a, 9, 0.4);
        int w = 19;
        int h = 14;
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        double[] xx = new double[w * h];
        double[] yy = new double[w * h];
        double[] xy = new double[w * h];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.pixels()[i];
            y[i] = b.pixels()[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] ux = Ssim.gaussianFilter(x, w, h);
        double[] uy = Ssim.gaussianFilter(y, w, h);
        double[] uxx = Ssim.gaussianFilter(xx, w, h);
        double[] uyy = Ssim.gaussianFilter(yy, w, h);
        double[] uxy = Ssim.gaussianFilter(xy, w, h);
        double c2 = 0.03 * 0.03;
        double sum = 0;
        for (int r = 5; r < h - 5; r++) {
            for (int c = 5; c < w - 5; c++) {
                int i = r * w + c;
                double vx = uxx[i] - ux[i] * ux[i];
                double vy = uyy[i] - uy[i] * uy[i];
                double vxy = uxy[i] - ux[i] * uy[i];
                sum += (2 * vxy + c2) / (vx + vy + c2);
            }
        }
        double cs = sum / ((w - 10) * (h - 10));
        assertEquals(cs, Ssim.ssimAndContrast(x, y, w, h, 1.0)[1], 1e-14);
    }

    @Test
    void msSsimRejectsBadWeightsAndRange() {
        GrayImage a = TestImages.random(20, 20, 1, 1.0);
        assertThrows(IllegalArgumentException.class, () -> MsSsim.compute(a, a, 1.0, new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> MsSsim.compute(a, a, 1.0, new double[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> MsSsim.compute(a, a, 0.0, new double[] {1}));
    }
}
