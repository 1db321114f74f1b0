package org.uniconbench.baselines.dit;

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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running the embedding, each block and the head in their own NDManager releases their
 * intermediates (those derived from the conditioning included), and changes neither the output
 * nor any gradient.
 */
class DiTBlockScopeTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** Result of one forward + backward: output, gradients and the arrays alive after forward. */
    record Pass(float[] output, List<float[]> gradients, int liveArrays) {
    }

    static Pass pass(boolean scoped) {
        DiTConfig config = new DiTConfig(16, 1, 4, 32, 4, 4, 2, 16);
        try (DiTFixtures.Model model = new DiTFixtures.Model(config, 3, true);
                NDManager step = model.parameters.manager().newSubManager()) {
            DiTFixtures.nudgeZeroParameters(model.parameters, 5); // so every gradient is non-zero
            model.net.setBlockScopes(scoped);
            NDArray x = Fixtures.gaussian(step, new Shape(2, 1, 16, 16), 1);
            NDArray noise = Fixtures.gaussian(step, new Shape(2, 1, 16, 16), 2);
            NDArray t = step.create(new float[] {10, 700});
            int before = step.getManagedArrays().size();
            float[] output;
            int live;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray predicted = model.predictNoise(x, t, null);
                live = step.getManagedArrays().size() - before;
                output = predicted.toFloatArray();
                collector.backward(NoiseSchedule.loss(predicted, noise));
            }
            List<float[]> gradients = new ArrayList<>();
            for (ParameterSet.Parameter p : model.parameters.all()) {
                try (NDArray g = p.array().getGradient()) {
                    gradients.add(g.toFloatArray());
                }
            }
            return new Pass(output, gradients, live);
        }
    }

    @Test
    void scopingChangesNeitherOutputNorGradients() {
        Pass scoped = pass(true);
        Pass unscoped = pass(false);
        assertArrayEquals(unscoped.output(), scoped.output());
        assertEquals(unscoped.gradients().size(), scoped.gradients().size());
        for (int i = 0; i < scoped.gradients().size(); i++) {
            assertArrayEquals(unscoped.gradients().get(i), scoped.gradients().get(i), "gradient " + i);
        }
    }

    @Test
    void scopingReleasesEachBlocksIntermediates() {
        Pass scoped = pass(true);
        Pass unscoped = pass(false);
        // unscoped: every intermediate of every block stays alive until the step closes
        assertTrue(unscoped.liveArrays() > 100, "unscoped live arrays: " + unscoped.liveArrays());
        // scoped: the time embedding's few arrays, then one output per block
        assertTrue(scoped.liveArrays() * 5 < unscoped.liveArrays(),
                "scoped " + scoped.liveArrays() + " vs unscoped " + unscoped.liveArrays());
    }
}
