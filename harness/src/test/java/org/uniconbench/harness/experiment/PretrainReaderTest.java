package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/** {@code backbone.pretrain.ema_decay}: off unless written, in [0, 1), named when wrong. */
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
}
