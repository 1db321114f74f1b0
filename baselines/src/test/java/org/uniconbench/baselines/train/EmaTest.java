package org.uniconbench.baselines.train;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weight average follows its closed form and leaves the training weights alone until copied. */
class EmaTest {

    private static final NoiseSchedule SCHEDULE = new NoiseSchedule(1000, 1e-4, 0.02);

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /**
     * The closed form of k updates: {@code w_0 prod_{t=1..k} d_t + sum_t (1 - d_t) w_t prod_{u=t+1..k} d_u},
     * in doubles, from the weights after each step.
     */
    private static double[] closedForm(List<float[]> weights, double decay) {
        int k = weights.size() - 1;
        double[] result = new double[weights.get(0).length];
        for (int t = 0; t <= k; t++) {
            double coefficient = t == 0 ? 1 : 1 - Ema.decayAt(decay, t);
            for (int u = t + 1; u <= k; u++) {
                coefficient *= Ema.decayAt(decay, u);
            }
            for (int i = 0; i < result.length; i++) {
                result[i] += coefficient * weights.get(t)[i];
            }
        }
        return result;
    }

    @Test
    void averageAfterKTrainingStepsEqualsTheClosedFormOfTheWeightsSeen() {
        int steps = 12;
        double decay = 0.75; // reached at step 23 of the warm-up: steps 1..12 are all in the warm-up
        try (Backbone model = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 5, true)) {
            List<ParameterSet.Parameter> trainable = model.trainableParameters();
            ParameterSet.Parameter watched = trainable.get(trainable.size() - 1);
            ParameterSet.Parameter first = trainable.get(0);
            List<float[]> seen = new ArrayList<>(List.of(watched.array().toFloatArray()));
            List<float[]> seenFirst = new ArrayList<>(List.of(first.array().toFloatArray()));
            try (Ema ema = new Ema(decay, trainable)) {
                var data = Datasets.load(DatasetKind.SHAPES, 8, 4, 1, null, 21, new Condition.Downsample(2)).train();
                new Trainer(SCHEDULE).train(model, data, new TrainOptions(steps, 2, 1e-2, 3),
                        r -> {
                            ema.update(trainable);
                            seen.add(watched.array().toFloatArray());
                            seenFirst.add(first.array().toFloatArray());
                        });
                assertEquals(steps, ema.updates());
                float[] training = watched.array().toFloatArray();
                ema.copyTo(trainable);
                assertClose(closedForm(seen, decay), watched.array().toFloatArray());
                assertClose(closedForm(seenFirst, decay), first.array().toFloatArray());
                // negative case: the average is not the last weights (the test could tell them apart)
                assertFalse(java.util.Arrays.equals(training, watched.array().toFloatArray()));
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "value " + i);
        }
    }

    @Test
    void decayWarmsUpAsTensorFlowsNumUpdatesThenStaysAtTheConfiguredValue() {
        assertEquals(2.0 / 11, Ema.decayAt(0.9999, 1), 1e-15);
        assertEquals(101.0 / 110, Ema.decayAt(0.9999, 100), 1e-15);
        assertEquals(0.9999, Ema.decayAt(0.9999, 1_000_000), 0);
        assertEquals(0.5, Ema.decayAt(0.5, 8), 0); // 9/18 = 0.5: the cap takes over here
        assertTrue(Ema.decayAt(0.5, 7) < 0.5);
    }

    @Test
    void constantWeightsStayPutAndADecayOutsideZeroToOneIsRefused() {
        try (Backbone model = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 5, true)) {
            List<ParameterSet.Parameter> all = model.parameters().all();
            float[] before = all.get(0).array().toFloatArray();
            try (Ema ema = new Ema(0.9999, all)) {
                for (int i = 0; i < 5; i++) {
                    ema.update(all);
                }
                ema.copyTo(all);
            }
            assertArrayEquals(before, all.get(0).array().toFloatArray(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> new Ema(1.0, all));
            assertThrows(IllegalArgumentException.class, () -> new Ema(0.0, all));
        }
    }

    @Test
    void anAverageRestoredFromItsShadowsAndCountContinuesBitForBit() {
        try (Backbone model = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 5, true)) {
            ParameterSet weights = model.parameters();
            List<ParameterSet.Parameter> all = weights.all();
            try (Ema original = new Ema(0.9999, all); Ema restored = new Ema(0.9999, all)) {
                for (int step = 1; step <= 3; step++) {
                    shift(weights, step);
                    original.update(all);
                }
                restored.restore(original.updates(), original.shadows());
                assertEquals(3, restored.updates());
                for (int step = 4; step <= 6; step++) { // the warm-up's decay depends on the count restored
                    shift(weights, step);
                    original.update(all);
                    restored.update(all);
                }
                var expected = original.shadows();
                var actual = restored.shadows();
                assertEquals(expected.keySet(), actual.keySet());
                expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), name));
                // negative case: without the count the continuation differs
                restored.restore(0, original.shadows());
                shift(weights, 7);
                original.update(all);
                restored.update(all);
                String name = all.get(0).name();
                assertFalse(java.util.Arrays.equals(original.shadows().get(name), restored.shadows().get(name)));
                assertThrows(IllegalArgumentException.class,
                        () -> restored.restore(1, java.util.Map.of(name, new float[1])));
            }
        }
    }

    /** Moves every weight by a step-dependent amount, as an optimiser would. */
    private static void shift(ParameterSet weights, int step) {
        for (ParameterSet.Parameter p : weights.all()) {
            float[] v = p.array().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.01f * step * ((i % 7) - 3);
            }
            weights.set(p.name(), v);
        }
    }
}
