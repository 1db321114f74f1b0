package org.uniconbench.baselines.control;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZeroFT computed as {@code h * (1 + Z1(s)) + Z2(s)} is our reading {@code h + Z1(s) * h + Z2(s)}:
 * the identity at initialisation (exactly), and the formula, values and gradients, once trained.
 */
class ConnectorTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** The connector's parameters, set to non-zero values as after training. */
    private static void train(ParameterSet set) {
        long seed = 11;
        for (ParameterSet.Parameter p : set.trainable()) {
            try (NDManager tmp = NDManager.newBaseManager(Device.cpu())) {
                set.set(p.name(), Fixtures.gaussian(tmp, p.array().getShape(), seed++).mul(0.5).toFloatArray());
            }
        }
    }

    /** Output and the gradients of {@code sum(out * r)} for the target and every connector parameter. */
    private static float[][] run(boolean tokens, boolean reference, boolean trained) {
        try (ParameterSet set = new ParameterSet(Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Layers layers = new Layers(set, new Init(1), true);
            Connector connector = tokens
                    ? Connector.createForTokens(ConnectorKind.ZERO_FT, layers, "c", 6, 4)
                    : Connector.create(ConnectorKind.ZERO_FT, layers, "c", 6, 4);
            if (trained) {
                train(set);
            }
            Shape sourceShape = tokens ? new Shape(2, 5, 6) : new Shape(2, 6, 3, 3);
            Shape targetShape = tokens ? new Shape(2, 5, 4) : new Shape(2, 4, 3, 3);
            NDArray source = Fixtures.gaussian(manager, sourceShape, 1);
            NDArray target = Fixtures.gaussian(manager, targetShape, 2);
            NDArray r = Fixtures.gaussian(manager, targetShape, 3);
            target.setRequiresGradient(true);
            float[] out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = reference ? readingAsWritten(set, tokens, source, target) : connector.apply(source, target);
                out = y.toFloatArray();
                collector.backward(y.mul(r).sum());
            }
            float[][] result = new float[2 + set.trainable().size()][];
            result[0] = out;
            result[1] = target.getGradient().toFloatArray();
            int k = 2;
            for (ParameterSet.Parameter p : set.trainable()) {
                result[k++] = p.array().getGradient().toFloatArray();
            }
            return result;
        }
    }

    /** {@code h + Z1(s) * h + Z2(s)}, term by term, with the connector's own parameters. */
    private static NDArray readingAsWritten(ParameterSet set, boolean tokens, NDArray s, NDArray h) {
        UnaryOperator<NDArray> z1 = layer(set, tokens, "c.scale");
        UnaryOperator<NDArray> z2 = layer(set, tokens, "c.shift");
        return h.add(z1.apply(s).mul(h)).add(z2.apply(s));
    }

    private static UnaryOperator<NDArray> layer(ParameterSet set, boolean tokens, String name) {
        NDArray w = set.get(name + ".weight").array();
        NDArray b = set.get(name + ".bias").array();
        return tokens ? new Dense(w, b)::forward : new Conv2d(w, b, 1, 0)::forward;
    }

    @Test
    void isExactlyTheIdentityAtInitialisation() {
        for (boolean tokens : new boolean[] {false, true}) {
            float[][] untrained = run(tokens, false, false);
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                Shape targetShape = tokens ? new Shape(2, 5, 4) : new Shape(2, 4, 3, 3);
                assertArrayEquals(Fixtures.gaussian(manager, targetShape, 2).toFloatArray(), untrained[0]);
            }
        }
    }

    @Test
    void regroupedFormulaMatchesTheReadingInValuesAndGradients() {
        for (boolean tokens : new boolean[] {false, true}) {
            float[][] fused = run(tokens, false, true);
            float[][] reading = run(tokens, true, true);
            assertTrue(fused.length == reading.length && fused.length == 6, "output, target and 4 parameter gradients");
            for (int part = 0; part < fused.length; part++) {
                for (int i = 0; i < fused[part].length; i++) {
                    double tolerance = 1e-5 * (1 + Math.abs(reading[part][i]));
                    assertTrue(Math.abs(fused[part][i] - reading[part][i]) <= tolerance,
                            (tokens ? "tokens" : "maps") + " part " + part + " [" + i + "]: " + fused[part][i]
                                    + " vs " + reading[part][i]);
                }
            }
            // negative case: a trained connector is not the identity, so the comparison is not vacuous
            float[] target = run(tokens, false, false)[0];
            double moved = 0;
            for (int i = 0; i < target.length; i++) {
                moved = Math.max(moved, Math.abs(fused[0][i] - target[i]));
            }
            assertTrue(moved > 0.1, "trained connector moved the target by only " + moved);
        }
    }
}
