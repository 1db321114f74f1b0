package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backbone cache key names everything that shapes the weights, and old keys stay valid. */
class BackboneCacheKeyTest {

    private static Experiment experiment(String backbone) {
        return ExperimentLoader.parse("""
                name: key
                arms:
                  - name: cn
                    method: controlnet
                backbone:
                """ + backbone.indent(2), "test.yaml");
    }

    private static final String UNET = "pretrain: {steps: 100, batch_size: 8, learning_rate: 1.0e-3}\n";
    private static final String DIT = "kind: dit\npatch: 2\nhidden: 64\ndepth: 4\nheads: 4\n"
            + "pretrain: {steps: 100, batch_size: 8, learning_rate: 1.0e-3}\n";

    @Test
    void keysWithoutEmaAreTheKeysEarlierVersionsWrote() {
        // pinned before ema_decay existed: caches pre-trained then are still found, and still mean the same
        assertEquals("1b808537f09577a5", BackboneStage.cacheKey(experiment(UNET)));
        assertEquals("bf7c247e8a5e7769", BackboneStage.cacheKey(experiment(DIT)));
    }

    @Test
    void longSkipsMakeANewCacheEntryAndSurviveTheResolvedFile() {
        Experiment skips = experiment(DIT.replace("heads: 4\n", "heads: 4\nlong_skips: true\n"));
        assertTrue(skips.backbone().dit().longSkips());
        assertNotEquals("bf7c247e8a5e7769", BackboneStage.cacheKey(skips));
        assertEquals("bf7c247e8a5e7769", BackboneStage.cacheKey(experiment(DIT.replace("heads: 4\n",
                "heads: 4\nlong_skips: false\n"))), "explicitly off is the old key");
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(skips), "experiment.yaml");
        assertEquals(BackboneStage.cacheKey(skips), BackboneStage.cacheKey(reread));
    }

    @Test
    void theConvolutionalMlpMakesANewCacheEntryAndSurvivesTheResolvedFile() {
        Experiment skips = experiment(DIT.replace("heads: 4\n", "heads: 4\nlong_skips: true\n"));
        Experiment conv = experiment(DIT.replace("heads: 4\n", "heads: 4\nlong_skips: true\nconv_mlp: true\n"));
        assertTrue(conv.backbone().dit().convMlp());
        assertNotEquals(BackboneStage.cacheKey(skips), BackboneStage.cacheKey(conv));
        assertEquals(BackboneStage.cacheKey(skips), BackboneStage.cacheKey(experiment(DIT.replace("heads: 4\n",
                "heads: 4\nlong_skips: true\nconv_mlp: false\n"))), "explicitly off is the key without it");
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(conv), "experiment.yaml");
        assertEquals(BackboneStage.cacheKey(conv), BackboneStage.cacheKey(reread));
    }

    @Test
    void minSnrWeightingMakesANewCacheEntryAndZeroKeepsTheOldKey() {
        String plain = BackboneStage.cacheKey(experiment(DIT));
        String zero = BackboneStage.cacheKey(experiment(DIT.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, min_snr_gamma: 0}")));
        Experiment weighted = experiment(
                DIT.replace("learning_rate: 1.0e-3}", "learning_rate: 1.0e-3, min_snr_gamma: 5}"));
        assertEquals(plain, zero);
        assertNotEquals(plain, BackboneStage.cacheKey(weighted));
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(weighted), "experiment.yaml");
        assertEquals(BackboneStage.cacheKey(weighted), BackboneStage.cacheKey(reread));
    }

    @Test
    void aCooldownMakesANewCacheEntryButKeepsTheConstantRateTrajectory() {
        Experiment constant = experiment(DIT);
        String zero = BackboneStage.cacheKey(experiment(DIT.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, cooldown_steps: 0}")));
        Experiment cooled = experiment(
                DIT.replace("learning_rate: 1.0e-3}", "learning_rate: 1.0e-3, cooldown_steps: 2}"));
        assertEquals(BackboneStage.cacheKey(constant), zero);
        assertNotEquals(BackboneStage.cacheKey(constant), BackboneStage.cacheKey(cooled));
        assertEquals(BackboneStage.trajectoryKey(constant), BackboneStage.trajectoryKey(cooled));
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(cooled), "experiment.yaml");
        assertEquals(BackboneStage.cacheKey(cooled), BackboneStage.cacheKey(reread));
    }

    @Test
    void turningEmaOnOrChangingItsDecayMakesANewCacheEntry() {
        String off = BackboneStage.cacheKey(experiment(DIT));
        String explicitOff = BackboneStage.cacheKey(experiment(DIT.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, ema_decay: 0}")));
        String on = BackboneStage.cacheKey(experiment(DIT.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, ema_decay: 0.9999}")));
        String other = BackboneStage.cacheKey(experiment(DIT.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, ema_decay: 0.999}")));
        assertEquals(off, explicitOff);
        assertNotEquals(off, on);
        assertNotEquals(on, other);
        assertNotEquals(off, other);
    }

    @Test
    void aCosineScheduleMakesANewCacheEntryAndAConstantOneKeepsTheOldKey() {
        String constant = BackboneStage.cacheKey(experiment(UNET.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, lr_schedule: constant}")));
        String cosine = BackboneStage.cacheKey(experiment(UNET.replace("learning_rate: 1.0e-3}",
                "learning_rate: 1.0e-3, lr_schedule: cosine}")));
        assertEquals("1b808537f09577a5", constant);
        assertNotEquals(constant, cosine);
        Experiment e = experiment(
                UNET.replace("learning_rate: 1.0e-3}", "learning_rate: 1.0e-3, lr_schedule: cosine}"));
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(e), "experiment.yaml");
        assertEquals(cosine, BackboneStage.cacheKey(reread));
    }

    @Test
    void theGateCurveIsNotPartOfTheKey() {
        // it only reads the weights (GateCurveTest: the cached file is the same byte for byte)
        String gated = DIT.replace("learning_rate: 1.0e-3}", "learning_rate: 1.0e-3, gate_every: 25}");
        Experiment e = ExperimentLoader.parse("""
                name: key
                arms:
                  - name: cn
                    method: controlnet
                dataset: {eval_size: 128}
                evaluation: {samples: 128}
                backbone:
                """ + gated.indent(2), "test.yaml");
        assertEquals(25, e.backbone().pretrain().gateEvery());
        assertEquals("bf7c247e8a5e7769", BackboneStage.cacheKey(e));
    }

    @Test
    void theKeySurvivesTheResolvedFileThatArmProcessesRead() {
        // arm processes and resume re-read the run folder's experiment.yaml: the EMA must be in it
        Experiment e = experiment(DIT.replace("learning_rate: 1.0e-3}", "learning_rate: 1.0e-3, ema_decay: 0.9999}"));
        Experiment reread = ExperimentLoader.parse(ExperimentWriter.toYaml(e), "experiment.yaml");
        assertEquals(0.9999, reread.backbone().pretrain().emaDecay());
        assertEquals(BackboneStage.cacheKey(e), BackboneStage.cacheKey(reread));
    }

    @Test
    void theDitClaimFilesReuseTheBackboneTheGateFileCaches() {
        // their comments promise that this gate file pre-trains and caches their backbone
        Experiment gate = ExperimentLoader
                .load(Path.of("..", "experiments", "dit-backbone-gate-convmlp-minsnr-90k-cooldown.yaml"));
        for (String file : List.of("dit-claims.yaml", "dit-claims-flow.yaml")) {
            Experiment claims = ExperimentLoader.load(Path.of("..", "experiments", file));
            assertEquals(BackboneStage.cacheKey(gate), BackboneStage.cacheKey(claims), file);
            assertEquals(gate.output(), claims.output(), file);
        }
        assertEquals(0.9999, gate.backbone().pretrain().emaDecay());
        assertEquals(128, gate.evaluation().samples()); // the gate's N
    }
}
