package org.uniconbench.baselines.dit;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adaptive layer norm: PyTorch's fused layer norm, called through DJL with constant weight and
 * bias, normalises without an affine transform and is differentiable with respect to its input.
 */
class DiTAdaLNTest {

    private static final int D = 8;

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void normaliseMatchesLayerNormWithoutAffineAndItsGradient() {
        try (ParameterSet parameters = new ParameterSet(Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            AdaLN ada = new AdaLN(new Layers(parameters, new Init(1), false), "ada", D, 2);
            NDArray x = Fixtures.gaussian(manager, new Shape(2, 3, D), 4).mul(3).add(1);
            x.setRequiresGradient(true);
            NDArray weights = Fixtures.gaussian(manager, new Shape(2, 3, D), 5);
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray normalised = ada.normalise(x);
                y = normalised.toFloatArray();
                collector.backward(normalised.mul(weights).sum());
            }
            float[] xs = x.toFloatArray();
            float[] g = weights.toFloatArray();
            float[] expectedY = new float[xs.length];
            float[] expectedGradient = new float[xs.length];
            for (int row = 0; row < 6; row++) {
                double mean = 0;
                for (int i = 0; i < D; i++) {
                    mean += xs[row * D + i] / D;
                }
                double variance = 0;
                for (int i = 0; i < D; i++) {
                    variance += Math.pow(xs[row * D + i] - mean, 2) / D;
                }
                double sigma = Math.sqrt(variance + AdaLN.EPSILON);
                double meanG = 0;
                double meanGy = 0;
                for (int i = 0; i < D; i++) {
                    double yi = (xs[row * D + i] - mean) / sigma;
                    expectedY[row * D + i] = (float) yi;
                    meanG += g[row * D + i] / D;
                    meanGy += g[row * D + i] * yi / D;
                }
                // d/dx of sum(g * y) for y = (x - mean) / sigma
                for (int i = 0; i < D; i++) {
                    expectedGradient[row * D + i] = (float) ((g[row * D + i] - meanG
                            - expectedY[row * D + i] * meanGy) / sigma);
                }
            }
            assertArrayEquals(expectedY, y, 1e-5f);
            assertArrayEquals(expectedGradient, x.getGradient().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void zeroInitialisedModulationIsTheIdentity() {
        try (ParameterSet parameters = new ParameterSet(Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            AdaLN ada = new AdaLN(new Layers(parameters, new Init(1), true), "ada", D, 3);
            NDList m = ada.modulation(Fixtures.gaussian(manager, new Shape(2, D), 6));
            assertEquals(3, m.size());
            assertEquals(new Shape(2, 1, D), m.get(0).getShape());
            NDArray x = Fixtures.gaussian(manager, new Shape(2, 5, D), 7);
            assertArrayEquals(x.toFloatArray(), AdaLN.modulate(x, m.get(0), m.get(1)).toFloatArray());
        }
    }

    @Test
    void modulateScalesByOnePlusScaleThenShifts() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 2));
            NDArray shift = manager.create(new float[] {10, 20}, new Shape(1, 1, 2));
            NDArray scale = manager.create(new float[] {1, -0.5f}, new Shape(1, 1, 2));
            assertArrayEquals(new float[] {12, 21, 16, 22},
                    AdaLN.modulate(x, shift, scale).toFloatArray());
        }
    }
}
