package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.AdapterSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import org.junit.jupiter.api.Test;

/** {@code arms[i].adapter.init}, {@code distill_steps} and {@code distill_learning_rate}. */
class AdapterInitTest {

    private static final String HEAD = """
            name: t
            arms:
              - name: cn
                method: controlnet
              - name: uc
                method: unicon
                adapter:
            """;

    @Test
    void initDefaultsToSliceAndDistillIsReadWithItsStepsAndRate() {
        Experiment slice = ExperimentLoader.parse(HEAD + "      width: 0.5\n", "test.yaml");
        assertEquals(AdapterInit.SLICE, slice.arm("uc").start().init());
        assertEquals(0, slice.arm("uc").start().distillSteps());
        Experiment distill = ExperimentLoader.parse(HEAD + "      init: distill\n      distill_steps: 50\n",
                "test.yaml");
        AdapterStart a = distill.arm("uc").start();
        assertEquals(AdapterInit.DISTILL, a.init());
        assertEquals(50, a.distillSteps());
        assertNull(a.distillLearningRate(), "null: training.learning_rate");
        Experiment rated = ExperimentLoader.parse(HEAD + "      init: distill\n      distill_steps: 5\n"
                + "      distill_learning_rate: 3.0e-4\n", "test.yaml");
        assertEquals(3e-4, rated.arm("uc").start().distillLearningRate());
    }

    @Test
    void theResolvedFileKeepsTheInit() {
        Experiment distill = ExperimentLoader.parse(HEAD + "      init: distill\n      distill_steps: 50\n"
                + "      distill_learning_rate: 3.0e-4\n", "test.yaml");
        String yaml = ExperimentWriter.toYaml(distill);
        assertTrue(yaml.contains("init: distill\n    distill_steps: 50\n    distill_learning_rate: 3.0E-4"), yaml);
        assertEquals(distill, ExperimentLoader.parse(yaml, "experiment.yaml"), "round trip");
        assertTrue(yaml.contains("init: slice"), "every default is written: " + yaml);
    }

    @Test
    void distillWithoutStepsOrWithZeroStepsNamesDistillSteps() {
        assertProblem(failure(HEAD + "      init: distill\n"), "arms[1].adapter.distill_steps", 8,
                "arms[1].adapter.distill_steps is missing; init: distill needs it");
        assertProblem(failure(HEAD + "      init: distill\n      distill_steps: 0\n"), "arms[1].adapter.distill_steps",
                9,
                "arms[1].adapter.distill_steps = 0 is not allowed with init: distill; allowed: an integer in 1..");
        assertProblem(failure(HEAD + "      init: distill\n      distill_steps: -3\n"),
                "arms[1].adapter.distill_steps", 9, "out of range");
    }

    @Test
    void distillKeysWithSliceAndDistillOnABidirectionalArmAreRejected() {
        assertProblem(failure(HEAD + "      distill_steps: 10\n"), "arms[1].adapter.distill_steps", 8,
                "does not apply: init is slice");
        assertProblem(failure("""
                name: t
                arms:
                  - name: cn
                    method: controlnet
                    adapter: {init: distill, distill_steps: 10}
                """), "arms[0].adapter.init", 5, "distill needs flow unidirectional, found bidirectional");
        assertProblem(failure(HEAD + "      init: warm\n"), "arms[1].adapter.init", 8, "slice", "distill");
    }
}
