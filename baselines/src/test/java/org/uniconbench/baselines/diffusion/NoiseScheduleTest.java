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
    void lossIsTheMeanSquaredError() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray predicted = manager.create(new float[] {1, 2, 3, 4});
            NDArray truth = manager.create(new float[] {1, 0, 3, 1});
            assertEquals((0 + 4 + 0 + 9) / 4.0, NoiseSchedule.loss(predicted, truth).getFloat(), 1e-6);
        }
    }
}
