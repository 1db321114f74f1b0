package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** GroupNorm's fused layer-norm form matches the small-operation form it replaced, in values and gradients. */
class GroupNormFusedTest {

    /** The small-operation form GroupNorm used before the fused layer_norm (commit 3608946). */
    private static NDArray smallOps(NDArray x, NDArray gamma, NDArray beta, int groups) {
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray epsilon = x.getManager().full(new Shape(1), GroupNorm.EPSILON);
        return centred.div(variance.add(epsilon).sqrt()).reshape(shape).mul(gamma).add(beta);
    }

    /** Output, and gradients of {@code sum(out * r)} for input, gamma and beta, of one form. */
    private static float[][] valuesAndGradients(boolean fused, int c, int groups, Shape shape) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Fixtures.gaussian(manager, shape, 7).mul(2).add(0.3);
            NDArray gamma = Fixtures.gaussian(manager, new Shape(1, c, 1, 1), 8).add(1);
            NDArray beta = Fixtures.gaussian(manager, new Shape(1, c, 1, 1), 9);
            NDArray r = Fixtures.gaussian(manager, shape, 10);
            x.setRequiresGradient(true);
            gamma.setRequiresGradient(true);
            beta.setRequiresGradient(true);
            float[] out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = fused ? new GroupNorm(gamma, beta, groups).forward(x) : smallOps(x, gamma, beta, groups);
                out = y.toFloatArray();
                collector.backward(y.mul(r).sum());
            }
            return new float[][] {out, x.getGradient().toFloatArray(), gamma.getGradient().toFloatArray(),
                beta.getGradient().toFloatArray()};
        }
    }

    @Test
    void fusedFormMatchesTheSmallOperationFormInValuesAndGradients() {
        String[] parts = {"output", "input gradient", "gamma gradient", "beta gradient"};
        // groups of 1 channel, several, and all channels in one group; odd spatial sizes
        int[][] cases = {{8, 8}, {8, 4}, {16, 8}, {6, 1}};
        for (int[] cg : cases) {
            Shape shape = new Shape(3, cg[0], 5, 7);
            float[][] fused = valuesAndGradients(true, cg[0], cg[1], shape);
            float[][] reference = valuesAndGradients(false, cg[0], cg[1], shape);
            for (int part = 0; part < parts.length; part++) {
                double worst = 0;
                for (int i = 0; i < fused[part].length; i++) {
                    worst = Math.max(worst, Math.abs(fused[part][i] - reference[part][i])
                            / (1 + Math.abs(reference[part][i])));
                }
                assertTrue(worst < 2e-5, parts[part] + " C=" + cg[0] + " G=" + cg[1] + " differs by " + worst);
            }
        }
    }

    @Test
    void anotherGroupingGivesClearlyDifferentOutputs() {
        // negative case: the same input normalised with another group count differs clearly,
        // so the comparison above can tell a wrong grouping apart
        Shape shape = new Shape(2, 8, 4, 4);
        float[] four = valuesAndGradients(true, 8, 4, shape)[0];
        float[] two = valuesAndGradients(true, 8, 2, shape)[0];
        double worst = 0;
        for (int i = 0; i < four.length; i++) {
            worst = Math.max(worst, Math.abs(four[i] - two[i]));
        }
        assertTrue(worst > 1e-2, "difference " + worst);
    }

}
