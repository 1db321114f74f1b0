package org.uniconbench.baselines.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DDIM with eta = 0 is exact when the noise prediction is exact. */
class DdimSamplerTest {

    private final NoiseSchedule schedule = new NoiseSchedule(1000, 1e-4, 0.02);

    /** Knows x0 and answers the true noise of x_t: eps = (x_t - sqrt(abar) x0) / sqrt(1 - abar). */
    private final class Oracle implements Denoiser {
        private final NDArray x0;
        private int calls;

        Oracle(NDArray x0) {
            this.x0 = x0;
        }

        @Override
        public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
            calls++;
            float[] t = timesteps.toFloatArray();
            assertEquals(noisy.getShape().get(0), t.length);
            double abar = schedule.alphaBar((int) t[0]);
            return noisy.sub(x0.mul(Math.sqrt(abar))).div(Math.sqrt(1 - abar));
        }

        @Override
        public List<ParameterSet.Parameter> trainableParameters() {
            return List.of();
        }
    }

    @Test
    void anOracleDenoiserIsInvertedExactly() {
        Shape shape = new Shape(2, 1, 8, 8);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x0 = Fixtures.uniform(manager, shape, 1).mul(1.8).sub(0.9); // inside the clip range
            NDArray noise = Fixtures.gaussian(manager, shape, 2);
            Oracle oracle = new Oracle(x0);
            NDArray sample = new DdimSampler(schedule, 20).sample(oracle, noise, null);
            assertEquals(20, oracle.calls);
            assertEquals(shape, sample.getShape());
            assertSame(manager, sample.getManager(), "the result lives on the noise's manager");
            float[] expected = x0.toFloatArray();
            float[] actual = sample.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4, "element " + i);
            }
        }
    }

    @Test
    void stepCountMustFitTheSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(schedule, 0));
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(schedule, 1001));
    }
}
