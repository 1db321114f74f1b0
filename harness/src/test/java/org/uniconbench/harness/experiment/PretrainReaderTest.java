package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.train.LrSchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/**
 * {@code backbone.pretrain.ema_decay}: off unless written, in [0, 1), named when wrong;
 * {@code backbone.pretrain.gate_every}: off unless written, an integer >= 0, and only with the gate's N;
 * {@code backbone.pretrain.cooldown_steps}: none unless written, at most the steps, with a constant rate.
 */
class PretrainReaderTest {

    private static String file(String pretrain) {
        return """
                name: tiny
                arms:
                  - name: cn
                    method: controlnet
                backbone:
                  pretrain:
                """ + pretrain.indent(4);
    }

    @Test
    void emaIsOffUnlessWritten() {
        PretrainSpec p = ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain();
        assertEquals(0, p.emaDecay());
        assertFalse(p.ema());
        PretrainSpec on = ExperimentLoader.parse(file("ema_decay: 0.9999"), "test.yaml").backbone().pretrain();
        assertEquals(0.9999, on.emaDecay());
        assertTrue(on.ema());
    }

    @Test
    void aDecayOfOneOrBelowZeroIsBadInputNamingTheKey() {
        assertProblem(failure(file("ema_decay: 1.0")), "backbone.pretrain.ema_decay", 7, "1.0", "[0, 1)");
        assertProblem(failure(file("ema_decay: -0.5")), "backbone.pretrain.ema_decay", 7, "-0.5", "[0, 1)");
        assertProblem(failure(file("ema_decay: fast")), "backbone.pretrain.ema_decay", 7, "fast");
    }

    @Test
    void theLearningRateIsConstantUnlessACosineScheduleIsWritten() {
        PretrainSpec p = ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain();
        assertEquals(LrSchedule.CONSTANT, p.lrSchedule());
        assertEquals(2e-4, p.rates().applyAsDouble(10));
        PretrainSpec cosine = ExperimentLoader.parse(file("steps: 10\nlearning_rate: 1.0e-3\nlr_schedule: cosine"),
                "test.yaml").backbone().pretrain();
        assertEquals(LrSchedule.COSINE, cosine.lrSchedule());
        assertEquals(1e-3, cosine.rates().applyAsDouble(1), 1e-15);
        assertEquals(5e-4, cosine.rates().applyAsDouble(6), 1e-15);
    }

    @Test
    void aCooldownHoldsTheRateThenLowersItLinearlyToZero() {
        PretrainSpec none = ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain();
        assertFalse(none.cooldown());
        assertEquals(2e-4, none.rates().applyAsDouble(10));
        PretrainSpec p = ExperimentLoader.parse(file("steps: 10\nlearning_rate: 1.0e-3\ncooldown_steps: 4"),
                "test.yaml").backbone().pretrain();
        assertEquals(4, p.cooldownSteps());
        assertEquals(1e-3, p.rates().applyAsDouble(6), 1e-15); // the last update at the full rate
        assertEquals(0.8e-3, p.rates().applyAsDouble(7), 1e-15); // 4/5, 3/5, 2/5, 1/5 of it
        assertEquals(0.2e-3, p.rates().applyAsDouble(10), 1e-15);
    }

    @Test
    void aCooldownLongerThanTheStepsOrAfterACosineIsBadInputNamingTheKey() {
        String key = "backbone.pretrain.cooldown_steps";
        assertProblem(failure(file("steps: 10\ncooldown_steps: 11")), key, 8, "11", "backbone.pretrain.steps = 10");
        assertProblem(failure(file("steps: 10\nlr_schedule: cosine\ncooldown_steps: 4")), key, 9,
                "lr_schedule: constant");
        assertProblem(failure(file("cooldown_steps: -1")), key, 7, "-1");
    }

    @Test
    void theLossIsUnweightedUnlessMinSnrGammaIsWritten() {
        PretrainSpec p = ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain();
        assertEquals(0, p.minSnrGamma());
        assertFalse(p.minSnr());
        PretrainSpec on = ExperimentLoader.parse(file("min_snr_gamma: 5"), "test.yaml").backbone().pretrain();
        assertEquals(5, on.minSnrGamma());
        assertTrue(on.minSnr());
    }

    @Test
    void aNegativeMinSnrGammaIsBadInputNamingTheKey() {
        assertProblem(failure(file("min_snr_gamma: -5")), "backbone.pretrain.min_snr_gamma", 7, "-5");
        assertProblem(failure(file("min_snr_gamma: high")), "backbone.pretrain.min_snr_gamma", 7, "high");
    }

    @Test
    void anUnknownScheduleIsBadInputNamingTheKeyAndTheChoices() {
        assertProblem(failure(file("lr_schedule: linear")), "backbone.pretrain.lr_schedule", 7, "linear", "constant",
                "cosine");
    }

    /** A file with a gate curve every {@code every} steps and {@code samples} evaluation samples. */
    private static String gated(String every, int samples) {
        return """
                name: tiny
                arms:
                  - name: cn
                    method: controlnet
                dataset: {eval_size: 128}
                evaluation: {samples: %d}
                backbone:
                  pretrain:
                    gate_every: %s
                """.formatted(samples, every);
    }

    @Test
    void theGateCurveIsOffUnlessWrittenAndReadAsWritten() {
        assertEquals(0, ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain().gateEvery());
        assertFalse(ExperimentLoader.parse(file("steps: 10"), "test.yaml").backbone().pretrain().gateCurve());
        PretrainSpec on = ExperimentLoader.parse(gated("500", 128), "test.yaml").backbone().pretrain();
        assertEquals(500, on.gateEvery());
        assertTrue(on.gateCurve());
    }

    @Test
    void aNegativeOrFractionalGateEveryIsBadInputNamingTheKey() {
        assertProblem(failure(file("gate_every: -1")), "backbone.pretrain.gate_every", 7, "-1");
        assertProblem(failure(file("gate_every: 2.5")), "backbone.pretrain.gate_every", 7, "2.5");
        assertProblem(failure(file("gate_every: often")), "backbone.pretrain.gate_every", 7, "often");
    }

    @Test
    void aGateCurveWithFewerSamplesThanTheGatesNIsBadInputNamingBothKeys() {
        assertProblem(failure(gated("100", 64)), "evaluation.samples", 6, "evaluation.samples = 64",
                "backbone.pretrain.gate_every = 100", "128");
        // off, the same samples are fine
        assertEquals(64, ExperimentLoader.parse(gated("0", 64), "test.yaml").evaluation().samples());
    }
}
