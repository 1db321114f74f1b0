package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the held-out loss scores: which timesteps, and the noise or the clean image. */
class HeldOutScoreTest {

    private static final NoiseSchedule SCHEDULE = new NoiseSchedule(1000, 1e-4, 0.02);

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** A model that writes down the timesteps it is asked about. */
    private record Recording(Denoiser inner, List<Float> seen) implements Denoiser {
        @Override
        public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
            for (float t : timesteps.toFloatArray()) {
                seen.add(t);
            }
            return inner.predictNoise(noisy, timesteps, condition);
        }

        @Override
        public List<ParameterSet.Parameter> trainableParameters() {
            return inner.trainableParameters();
        }
    }

    private static ImageSet data() {
        return Datasets.load(DatasetKind.SHAPES, 8, 6, 1, null, 21, new Condition.Downsample(2)).train();
    }

    @Test
    void aScoreFromHalfTheScheduleOnlyAsksAboutTheNoisierHalfOneDrawPerStratum() {
        Trainer trainer = new Trainer(SCHEDULE);
        try (Backbone one = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(one,
                        new AdapterSpec(Method.UNICON, 0.5, 2, ConnectorKind.ZERO_FT), 2)) {
            List<Float> whole = new ArrayList<>();
            trainer.heldOutLoss(new Recording(model, whole), data(), 4, 5, HeldOutScore.noise(8));
            assertTrue(whole.stream().anyMatch(t -> t < 125), "the whole schedule's first stratum: " + whole);
            List<Float> noisy = new ArrayList<>();
            int images = data().size();
            trainer.heldOutLoss(new Recording(model, noisy), data(), 4, 5,
                    new HeldOutScore(8, 0.5, HeldOutScore.Target.CLEAN));
            assertEquals(8 * images, noisy.size(), "8 draws per image");
            for (int d = 0; d < 8; d++) { // draw d's images are asked about in the d-th block of calls
                for (int i = 0; i < images; i++) {
                    float t = noisy.get(d * images + i);
                    assertTrue(t >= 500 + d * 62.5 - 1 && t < 500 + (d + 1) * 62.5, "draw " + d + ": t = " + t);
                }
            }
        }
    }

    @Test
    void theCleanTargetIsAnotherLossOfTheSameModelAndRepeatable() {
        Trainer trainer = new Trainer(SCHEDULE);
        try (Backbone one = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(one,
                        new AdapterSpec(Method.UNICON, 0.5, 2, ConnectorKind.ZERO_FT), 2)) {
            HeldOutScore clean = new HeldOutScore(8, 0.5, HeldOutScore.Target.CLEAN);
            double a = trainer.heldOutLoss(model, data(), 4, 5, clean);
            assertTrue(Double.isFinite(a) && a > 0 && a <= 4, "clipped images differ by at most 2: " + a);
            assertEquals(a, trainer.heldOutLoss(model, data(), 3, 5, clean), 1e-6, "batching does not change it");
            assertTrue(a != trainer.heldOutLoss(model, data(), 4, 5,
                    new HeldOutScore(8, 0.5, HeldOutScore.Target.NOISE)), "the noise target at the same draws differs");
            assertEquals(trainer.heldOutLoss(model, data(), 4, 5, 8),
                    trainer.heldOutLoss(model, data(), 4, 5, HeldOutScore.noise(8)),
                    "the default is the training loss");
        }
    }

    @Test
    void aScoredRangeOutsideTheScheduleOrWithTooFewTimestepsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HeldOutScore(8, 1.0, HeldOutScore.Target.CLEAN));
        assertThrows(IllegalArgumentException.class, () -> new HeldOutScore(8, -0.1, HeldOutScore.Target.CLEAN));
        assertThrows(IllegalArgumentException.class, () -> new HeldOutScore(0, 0, HeldOutScore.Target.NOISE));
        Trainer trainer = new Trainer(SCHEDULE);
        try (Backbone one = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(one,
                        new AdapterSpec(Method.UNICON, 0.5, 2, ConnectorKind.ZERO_FT), 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.heldOutLoss(
                    model, data(), 4, 5, new HeldOutScore(8, 0.995, HeldOutScore.Target.CLEAN)));
            assertTrue(e.getMessage().contains("draws must be in 1..") && e.getMessage().contains("found 8"),
                    e.getMessage());
        }
    }
}
