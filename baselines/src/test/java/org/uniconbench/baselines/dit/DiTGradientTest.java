package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Adam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backpropagation reaches every parameter of the DiT with finite values, and Adam can use it. */
class DiTGradientTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** One forward and backward on a fixed batch; returns the loss. */
    private static float lossAndBackward(DiTFixtures.Model model, NDManager manager) {
        NDArray x = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 1);
        NDArray noise = Fixtures.gaussian(manager, new Shape(2, 1, 16, 16), 2);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = NoiseSchedule.loss(
                    model.predictNoise(x, manager.create(new float[] {20, 800}), null), noise);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    @Test
    void everyParameterGetsAFiniteNonZeroGradientOnceTheZeroInitialisedOnesAreNudged() {
        try (DiTFixtures.Model model = new DiTFixtures.Model(DiTFixtures.tiny(), 3, true);
                NDManager manager = model.parameters.manager().newSubManager()) {
            // 2 blocks' ada + final.ada + final.proj, weight and bias each
            assertEquals(8, DiTFixtures.nudgeZeroParameters(model.parameters, 4));
            lossAndBackward(model, manager);
            for (ParameterSet.Parameter p : model.parameters.all()) {
                try (NDArray g = p.array().getGradient()) {
                    float[] values = g.toFloatArray();
                    double norm = 0;
                    for (float v : values) {
                        assertTrue(Float.isFinite(v), p.name() + " has a non-finite gradient");
                        norm += v * v;
                    }
                    assertTrue(norm > 0, p.name() + " gets no gradient");
                }
            }
        }
    }

    @Test
    void oneAdamStepFromTheZeroInitialisationLowersTheLoss() {
        try (DiTFixtures.Model model = new DiTFixtures.Model(DiTFixtures.tiny(), 3, true);
                NDManager manager = model.parameters.manager().newSubManager()) {
            float before = lossAndBackward(model, manager);
            new Adam(1e-3).step(model.trainableParameters());
            float after = lossAndBackward(model, manager);
            assertTrue(Float.isFinite(after) && after < before, before + " -> " + after);
        }
    }
}
