package org.uniconbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code probe-backbone} times a few pre-training steps, extrapolates, and caches nothing. */
class ProbeBackboneCommandTest {

    private static Path tinyFile(Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                name: tiny
                device: cpu
                output: %s
                dataset: {kind: shapes, resolution: 8, train_size: 16, eval_size: 4}
                backbone:
                  kind: dit
                  patch: 4
                  hidden: 16
                  depth: 2
                  heads: 2
                  pretrain: {steps: 5000, batch_size: 4, learning_rate: 1.0e-3, ema_decay: 0.9999}
                arms:
                  - name: cn
                    method: controlnet
                evaluation: {samples: 4, sampler_steps: 2}
                """.formatted(dir.resolve("runs")));
        return file;
    }

    @Test
    void estimatesThePreTrainingFromAFewStepsWithoutCachingIt(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "probe-backbone", tinyFile(dir).toString(),
                "--steps", "10");
        assertEquals(Main.OK, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("10 of 5000 pre-training steps"), text);
        assertTrue(text.contains("EMA decay 0.9999"), text);
        assertTrue(text.contains("ms CPU of the training thread"), text);
        assertTrue(text.contains("estimated pre-training") && text.contains("for 5000 steps"), text);
        assertFalse(Files.exists(dir.resolve("runs")), "the probe wrote a run folder or a cache entry");
    }

    @Test
    void tooFewStepsToTimeIsBadInput(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "probe-backbone", tinyFile(dir).toString(),
                "--steps", "5");
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(err.toString().contains("--steps 5") && err.toString().contains("at least 10"), err.toString());
    }

    @Test
    void hasHelp() {
        StringWriter out = new StringWriter();
        assertEquals(Main.OK, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "probe-backbone",
                "--help"));
        assertTrue(out.toString().contains("Usage: unicon probe-backbone"), out.toString());
    }
}
