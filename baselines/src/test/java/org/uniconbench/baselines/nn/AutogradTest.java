package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autograd probes the information-flow tests rely on must tell graph nodes from constants. */
class AutogradTest {

    @Test
    void intermediateResultsOfAGraphRequireGradAndNameTheirFunction() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(new float[] {1, 2});
            weight.setRequiresGradient(true);
            NDArray constant = manager.create(new float[] {3, 4});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray product = constant.mul(weight);
                assertTrue(Autograd.requiresGrad(product), "a graph node requires grad");
                assertEquals("MulBackward0", Autograd.gradientFunction(product));
                // the probe leaves the graph intact: backward still reaches the leaf
                collector.backward(product.sum());
            }
            try (NDArray gradient = weight.getGradient()) {
                assertEquals(3f, gradient.getFloat(0));
                assertEquals(4f, gradient.getFloat(1));
            }
        }
    }

    @Test
    void leavesAndConstantsHaveNoGradientFunction() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(new float[] {1, 2});
            weight.setRequiresGradient(true);
            NDArray constant = manager.create(new float[] {3, 4});
            assertTrue(Autograd.requiresGrad(weight));
            assertEquals("", Autograd.gradientFunction(weight), "a trainable leaf (must not crash)");
            assertFalse(Autograd.requiresGrad(constant));
            assertEquals("", Autograd.gradientFunction(constant));
            assertFalse(Autograd.requiresGrad(constant.mul(2)), "constants build no graph");
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray free = Autograd.withoutGradient(() -> constant.mul(weight));
                assertFalse(Autograd.requiresGrad(free), "nothing is recorded without gradient");
                assertEquals("", Autograd.gradientFunction(free));
                assertTrue(Autograd.requiresGrad(constant.mul(weight)), "recording resumes afterwards");
            }
        }
    }
}
