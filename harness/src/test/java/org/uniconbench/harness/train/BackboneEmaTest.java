package org.uniconbench.harness.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.store.RunStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code ema_decay} on, the cached and frozen backbone is the weight average, not the last weights. */
class BackboneEmaTest {

    /** A tiny DiT experiment (16 images of 8x8, hidden 16, 2 blocks) whose pre-training block is {@code pretrain}. */
    static Experiment tinyDit(Path output, String pretrain) {
        return ExperimentLoader.parse("""
                name: ema
                device: cpu
                output: %s
                dataset: {kind: shapes, resolution: 8, train_size: 16, eval_size: 2}
                backbone:
                  kind: dit
                  patch: 4
                  hidden: 16
                  depth: 2
                  heads: 2
                  pretrain: {%s}
                arms:
                  - name: cn
                    method: controlnet
                """.formatted(output, pretrain), "test.yaml");
    }

    private static float[] pretrained(Path output, String ema) throws Exception {
        Experiment e = tinyDit(output, "steps: 6, batch_size: 4, learning_rate: 1.0e-2" + ema);
        RunStore store = RunStore.create(output, e.name());
        var data = Blueprint.data(e);
        StringWriter log = new StringWriter();
        try (Backbone frozen = BackboneStage.frozen(e, Device.cpu(), data.train(), new Trainer(Blueprint.schedule(e)),
                store, new PrintWriter(log))) {
            assertTrue(Files.isRegularFile(BackboneStage.checkpoint(e)));
            var last = frozen.parameters().all();
            return last.get(last.size() - 1).array().toFloatArray();
        }
    }

    @Test
    void theCachedBackboneIsTheAverageWhenEmaIsOn(@TempDir Path dir) throws Exception {
        float[] last = pretrained(dir.resolve("off"), "");
        // a decay this small makes every update copy the weights: the average is the last weights
        float[] copied = pretrained(dir.resolve("tiny"), ", ema_decay: 1.0e-12");
        float[] averaged = pretrained(dir.resolve("on"), ", ema_decay: 0.9999");
        assertArrayEquals(last, copied, 1e-6f);
        assertFalse(java.util.Arrays.equals(last, averaged), "the EMA checkpoint holds the last weights");
    }
}
