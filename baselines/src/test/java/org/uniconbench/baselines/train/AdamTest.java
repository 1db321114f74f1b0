package org.uniconbench.baselines.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused Adam update is torch.optim.Adam's formula: N steps on the same gradients agree with the
 * formula computed element by element in doubles, and a restored state continues bit for bit.
 */
class AdamTest {

    private static final Shape[] SHAPES = {new Shape(3, 4), new Shape(5), new Shape(2, 3, 1, 1)};
    private static final int STEPS = 25;

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** torch.optim.Adam in doubles: the formula the old per-operation loop spelled out. */
    private static final class ReferenceAdam {
        double lr; // per step when a schedule is tested
        final double beta1;
        final double beta2;
        final double eps;
        final double[][] w;
        final double[][] m;
        final double[][] v;
        int step;

        ReferenceAdam(double lr, double beta1, double beta2, double eps, float[][] initial) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            w = new double[initial.length][];
            m = new double[initial.length][];
            v = new double[initial.length][];
            for (int p = 0; p < initial.length; p++) {
                w[p] = new double[initial[p].length];
                for (int i = 0; i < w[p].length; i++) {
                    w[p][i] = initial[p][i];
                }
                m[p] = new double[w[p].length];
                v[p] = new double[w[p].length];
            }
        }

        /** One step; {@code epsilonCorrected} false gives the "eps-hat" variant (eps not bias-corrected). */
        void step(float[][] gradients, boolean epsilonCorrected) {
            step++;
            double c1 = 1 - Math.pow(beta1, step);
            double c2 = 1 - Math.pow(beta2, step);
            for (int p = 0; p < w.length; p++) {
                for (int i = 0; i < w[p].length; i++) {
                    double g = gradients[p][i];
                    m[p][i] = beta1 * m[p][i] + (1 - beta1) * g;
                    v[p][i] = beta2 * v[p][i] + (1 - beta2) * g * g;
                    w[p][i] -= epsilonCorrected
                            ? lr * (m[p][i] / c1) / (Math.sqrt(v[p][i] / c2) + eps)
                            : lr * Math.sqrt(c2) / c1 * m[p][i] / (Math.sqrt(v[p][i]) + eps);
                }
            }
        }
    }

    private static float[][] initialWeights() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] values = new float[SHAPES.length][];
        for (int p = 0; p < SHAPES.length; p++) {
            values[p] = new float[(int) SHAPES[p].size()];
            for (int i = 0; i < values[p].length; i++) {
                values[p][i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return values;
    }

    /** Gradients of step {@code step}: a fixed stream, 1 to 1e-6 in scale, so that epsilon matters for some. */
    private static float[][] gradients(int step) {
        SplittableRandom random = new SplittableRandom(1000 + step);
        float[][] values = new float[SHAPES.length][];
        for (int p = 0; p < SHAPES.length; p++) {
            values[p] = new float[(int) SHAPES[p].size()];
            for (int i = 0; i < values[p].length; i++) {
                values[p][i] = (float) (random.nextGaussian() * Math.pow(10, -2 * (i % 4))); // down to 1e-6
            }
        }
        return values;
    }

    private static ParameterSet parameters(float[][] initial) {
        ParameterSet set = new ParameterSet(Device.cpu());
        for (int p = 0; p < SHAPES.length; p++) {
            set.add("p" + p, SHAPES[p], initial[p], true, null);
        }
        return set;
    }

    /** Backward of {@code sum_p sum(g_p * w_p)}: leaves exactly {@code g_p} as each parameter's gradient. */
    private static void setGradients(ParameterSet set, float[][] gradients) {
        try (NDManager scope = set.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int p = 0; p < SHAPES.length; p++) {
                NDArray g = scope.create(gradients[p], SHAPES[p]);
                NDArray term = g.mul(set.get("p" + p).array()).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
    }

    private static void assertClose(double[][] expected, ParameterSet set, double absolute, double relative,
            String what) {
        for (int p = 0; p < SHAPES.length; p++) {
            float[] actual = set.get("p" + p).array().toFloatArray();
            for (int i = 0; i < actual.length; i++) {
                double tolerance = absolute + relative * Math.abs(expected[p][i]);
                assertEquals(expected[p][i], actual[i], tolerance, what + " p" + p + "[" + i + "]");
            }
        }
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int p = 0; p < a.length; p++) {
            for (int i = 0; i < a[p].length; i++) {
                max = Math.max(max, Math.abs(a[p][i] - b[p][i]));
            }
        }
        return max;
    }

    @Test
    void matchesTorchAdamFormulaOverManyStepsWithDefaultAndLargeEpsilon() {
        for (double eps : new double[] {1e-8, 0.05}) {
            float[][] initial = initialWeights();
            ReferenceAdam reference = new ReferenceAdam(0.01, 0.9, 0.999, eps, initial);
            try (ParameterSet set = parameters(initial)) {
                Adam adam = new Adam(0.01, 0.9, 0.999, eps);
                for (int step = 1; step <= STEPS; step++) {
                    float[][] g = gradients(step);
                    setGradients(set, g);
                    adam.step(set.trainable());
                    reference.step(g, true);
                    // gradients are zeroed for the next backward pass
                    for (ParameterSet.Parameter p : set.trainable()) {
                        try (NDArray gradient = p.array().getGradient()) {
                            assertEquals(0f, gradient.abs().max().getFloat(), "gradient of " + p.name());
                        }
                    }
                }
                assertEquals(STEPS, adam.steps());
                // float32 weights and moments against doubles: the kernel takes (1 - beta2) as
                // 1 - 0.999f, 1.3e-5 relative off 0.001, which moves updates by < 1e-5 relative
                assertClose(reference.w, set, 2e-6, 1e-5, "eps " + eps + " weight");
                Map<String, float[][]> moments = adam.moments();
                for (int p = 0; p < SHAPES.length; p++) {
                    float[][] mv = moments.get("p" + p);
                    for (int i = 0; i < mv[0].length; i++) {
                        assertEquals(reference.m[p][i], mv[0][i], 1e-7 + 1e-5 * Math.abs(reference.m[p][i]));
                        assertEquals(reference.v[p][i], mv[1][i], 1e-9 + 5e-5 * Math.abs(reference.v[p][i]));
                    }
                }
            }
        }
    }

    @Test
    void aCosineScheduleTakesEachUpdatesRateFromTheScheduleAndContinuesItAfterRestore() {
        float[][] initial = initialWeights();
        java.util.function.IntToDoubleFunction cosine = LrSchedule.COSINE.rates(0.01, STEPS);
        ReferenceAdam reference = new ReferenceAdam(0.01, 0.9, 0.999, 1e-8, initial);
        int half = STEPS / 2;
        try (ParameterSet set = parameters(initial)) {
            Adam first = new Adam(cosine);
            for (int step = 1; step <= half; step++) {
                setGradients(set, gradients(step));
                first.step(set.trainable());
                reference.lr = 0.01 * (1 + Math.cos(Math.PI * (step - 1) / STEPS)) / 2;
                reference.step(gradients(step), true);
            }
            // a new optimiser restored from the first one's state continues the schedule at update half + 1
            Adam resumed = new Adam(cosine);
            resumed.restore(first.steps(), first.moments(), set.trainable());
            first.release();
            for (int step = half + 1; step <= STEPS; step++) {
                setGradients(set, gradients(step));
                resumed.step(set.trainable());
                reference.lr = 0.01 * (1 + Math.cos(Math.PI * (step - 1) / STEPS)) / 2;
                reference.step(gradients(step), true);
            }
            assertClose(reference.w, set, 2e-6, 1e-5, "cosine weight");
            resumed.release();
        }
        // negative case: the same steps at the constant peak rate land far outside that tolerance
        ReferenceAdam constant = new ReferenceAdam(0.01, 0.9, 0.999, 1e-8, initial);
        for (int step = 1; step <= STEPS; step++) {
            constant.step(gradients(step), true);
        }
        assertTrue(maxDifference(constant.w, reference.w) > 1e-3,
                "difference " + maxDifference(constant.w, reference.w));
    }

    @Test
    void theCosineScheduleStartsAtThePeakHalvesAtMidRunAndEndsNearZero() {
        var rates = LrSchedule.COSINE.rates(1e-3, 20000);
        assertEquals(1e-3, rates.applyAsDouble(1), 1e-15);
        assertEquals(5e-4, rates.applyAsDouble(10001), 1e-15);
        assertEquals(1e-3 * Math.pow(Math.PI / 40000, 2), rates.applyAsDouble(20000), 1e-14);
        assertEquals(1e-3, LrSchedule.CONSTANT.rates(1e-3, 20000).applyAsDouble(20000));
    }

    @Test
    void epsilonWithoutBiasCorrectionWouldBeCaughtByTheTolerance() {
        // negative case: the kernel's own formula with eps passed unscaled (the "eps-hat" variant)
        // lands far outside the tolerance used above, so that test can tell the two apart
        float[][] initial = initialWeights();
        ReferenceAdam torch = new ReferenceAdam(0.01, 0.9, 0.999, 0.05, initial);
        ReferenceAdam epsHat = new ReferenceAdam(0.01, 0.9, 0.999, 0.05, initial);
        for (int step = 1; step <= STEPS; step++) {
            torch.step(gradients(step), true);
            epsHat.step(gradients(step), false);
        }
        assertTrue(maxDifference(torch.w, epsHat.w) > 1e-3, "difference " + maxDifference(torch.w, epsHat.w));
    }

    @Test
    void restoredStateContinuesBitForBit() {
        float[][] initial = initialWeights();
        List<float[]> uninterrupted = new ArrayList<>();
        try (ParameterSet set = parameters(initial)) {
            Adam adam = new Adam(0.01);
            for (int step = 1; step <= 10; step++) {
                setGradients(set, gradients(step));
                adam.step(set.trainable());
            }
            set.trainable().forEach(p -> uninterrupted.add(p.array().toFloatArray()));
        }
        try (ParameterSet first = parameters(initial); ParameterSet second = parameters(initial)) {
            Adam adam = new Adam(0.01);
            for (int step = 1; step <= 6; step++) {
                setGradients(first, gradients(step));
                adam.step(first.trainable());
            }
            // a checkpoint: weights and Adam's state, into a fresh set and a fresh optimiser
            first.trainable().forEach(p -> second.set(p.name(), p.array().toFloatArray()));
            Adam resumed = new Adam(0.01);
            resumed.restore(adam.steps(), adam.moments(), second.trainable());
            for (int step = 7; step <= 10; step++) {
                setGradients(second, gradients(step));
                resumed.step(second.trainable());
            }
            List<ParameterSet.Parameter> trained = second.trainable();
            for (int p = 0; p < trained.size(); p++) {
                assertArrayEquals(uninterrupted.get(p), trained.get(p).array().toFloatArray(), trained.get(p).name());
            }
        }
    }
}
