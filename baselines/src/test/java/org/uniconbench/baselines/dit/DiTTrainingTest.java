package org.uniconbench.baselines.dit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DiT learns: a short run of the standard trainer on the procedural shapes lowers the loss. */
class DiTTrainingTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /**
     * 32x32 shapes, a 2-block DiT of width 48, 60 Adam steps of 8 images at 2e-3. The untrained
     * DiT predicts zero, so its loss is the noise's variance, about 1; the mean loss of the last
     * 15 steps must fall well below that of the first 10 (measured: 0.89 to 0.13, in half a second;
     * the bound leaves room for the noise of random timesteps).
     */
    @Test
    void sixtyAdamStepsOnShapesLowerTheLoss() {
        int steps = 60;
        ImageSet shapes = Datasets.load(DatasetKind.SHAPES, 32, 64, 1, null, 21,
                new Condition.Downsample(2)).train();
        List<Double> losses = new ArrayList<>();
        try (DiTFixtures.Model model = new DiTFixtures.Model(new DiTConfig(32, 1, 4, 48, 2, 4, 2, 32),
                7, true)) {
            new Trainer(new NoiseSchedule(1000, 1e-4, 0.02)).train(model, shapes,
                    new TrainOptions(steps, 8, 2e-3, 11), r -> losses.add(r.loss()));
        }
        losses.forEach(l -> assertTrue(Double.isFinite(l), "loss " + l));
        double first = mean(losses.subList(0, 10));
        double last = mean(losses.subList(steps - 15, steps));
        assertTrue(first > 0.7, "the untrained loss should be about 1, found " + first);
        assertTrue(last < 0.35 * first, "loss went only from " + first + " to " + last);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
