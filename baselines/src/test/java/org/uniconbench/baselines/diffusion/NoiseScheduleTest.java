package org.uniconbench.baselines.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DDPM forward process. */
class NoiseScheduleTest {

    private final NoiseSchedule schedule = new NoiseSchedule(1000, 1e-4, 0.02);

    @Test
    void alphaBarStartsNearOneAndDecreasesMonotonically() {
        assertEquals(1000, schedule.timesteps());
        assertEquals(1 - 1e-4, schedule.alphaBar(0), 1e-12);
        assertEquals((1 - 1e-4) * (1 - (1e-4 + (0.02 - 1e-4) / 999)), schedule.alphaBar(1), 1e-12);
        for (int t = 1; t < 1000; t++) {
            assertTrue(schedule.alphaBar(t) < schedule.alphaBar(t - 1), "not decreasing at " + t);
        }
        assertTrue(schedule.alphaBar(999) > 0 && schedule.alphaBar(999) < 1e-4,
                "almost no signal is left at T: " + schedule.alphaBar(999));
    }

    @Test
    void addNoiseFollowsTheClosedForm() {
        int[] steps = {0, 500, 999};
        Shape shape = new Shape(3, 1, 4, 4);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray clean = Fixtures.uniform(manager, shape, 1).mul(2).sub(1);
            NDArray noise = Fixtures.gaussian(manager, shape, 2);
            float[] noisy = schedule.addNoise(clean, noise, steps).toFloatArray();
            float[] x0 = clean.toFloatArray();
            float[] eps = noise.toFloatArray();
            int perSample = 16;
            for (int i = 0; i < noisy.length; i++) {
                double abar = schedule.alphaBar(steps[i / perSample]);
                double expected = Math.sqrt(abar) * x0[i] + Math.sqrt(1 - abar) * eps[i];
                assertEquals(expected, noisy[i], 1e-6, "element " + i);
            }
        }
    }

    @Test
    void theCleanImageOfTheTrueNoiseIsTheImageAndAWrongOneIsClipped() {
        int[] steps = {0, 500, 990};
        Shape shape = new Shape(3, 1, 4, 4);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray clean = Fixtures.uniform(manager, shape, 1).mul(1.8).sub(0.9);
            NDArray noise = Fixtures.gaussian(manager, shape, 2);
            NDArray noisy = schedule.addNoise(clean, noise, steps);
            float[] back = schedule.predictClean(noisy, noise, steps).toFloatArray();
            float[] x0 = clean.toFloatArray();
            for (int i = 0; i < x0.length; i++) {
                assertEquals(x0[i], back[i], 2e-3, "element " + i); // 1/sqrt(abar_990) ~ 90 scales float error
            }
            // predicting no noise at all at t = 990 leaves x_t / sqrt(abar): far outside, clipped to [-1, 1]
            float[] none = schedule.predictClean(noisy, noise.zerosLike(), steps).toFloatArray();
            for (int i = 0; i < none.length; i++) {
                assertTrue(none[i] >= -1 && none[i] <= 1, "element " + i + ": " + none[i]);
            }
        }
    }

    @Test
    void lossIsTheMeanSquaredError() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray predicted = manager.create(new float[] {1, 2, 3, 4});
            NDArray truth = manager.create(new float[] {1, 0, 3, 1});
            assertEquals((0 + 4 + 0 + 9) / 4.0, NoiseSchedule.loss(predicted, truth).getFloat(), 1e-6);
        }
    }

    @Test
    void minSnrWeightsKeepTheNoisyStepsAndShrinkTheCleanOnes() {
        double[] w = schedule.minSnrWeights(5);
        assertEquals(1000, w.length);
        for (int t = 0; t < w.length; t++) {
            double snr = schedule.alphaBar(t) / (1 - schedule.alphaBar(t));
            assertEquals(snr <= 5 ? 1.0 : 5 / snr, w[t], 1e-12, "t = " + t);
            assertTrue(t == 0 || w[t] >= w[t - 1], "the weight never falls as the noise grows, t = " + t);
        }
        assertTrue(w[0] < 1e-3, "t = 0 has SNR about 1e4: weight about 5e-4, found " + w[0]);
        assertEquals(1.0, w[999]);
    }

    @Test
    void theWeightedLossWeighsEachSamplesMeanError() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray predicted = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 1, 1, 2));
            NDArray truth = manager.create(new float[] {1, 0, 3, 1}, new Shape(2, 1, 1, 2));
            // sample errors: (0 + 4) / 2 = 2 and (0 + 9) / 2 = 4.5
            NDArray weights = manager.create(new float[] {0.5f, 2f});
            assertEquals((0.5 * 2 + 2 * 4.5) / 2, NoiseSchedule.weightedLoss(predicted, truth, weights).getFloat(),
                    1e-6);
            assertEquals(NoiseSchedule.loss(predicted, truth).getFloat(),
                    NoiseSchedule.weightedLoss(predicted, truth, manager.ones(new Shape(2))).getFloat(), 1e-6,
                    "weights of one are the plain mean");
        }
    }
}
