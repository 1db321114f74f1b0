package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/** evaluation.curve: off unless written, its defaults, its limits, and its round trip through the writer. */
class CurveBlockTest {

    private static final String FILE = """
            name: tiny
            dataset:
              eval_size: 6
            arms:
              - name: cn
                method: controlnet
            evaluation:
              samples: 4
              sampler_steps: 5
            """;

    @Test
    void theCurveIsOffUnlessTheBlockIsWritten() {
        Experiment e = ExperimentLoader.parse(FILE, "test.yaml");
        assertEquals(CurveSpec.OFF, e.evaluation().curve());
        assertFalse(e.evaluation().curve().enabled());
        assertFalse(ExperimentWriter.toYaml(e).contains("curve"), "an experiment without a curve writes none");
    }

    @Test
    void aCurveTakesSmallDefaultsBoundedByTheEvaluationBlock() {
        Experiment e = ExperimentLoader.parse(FILE + "  curve:\n    every: 50\n", "test.yaml");
        assertEquals(new CurveSpec(50, 4, 5), e.evaluation().curve(),
                "8 samples and 10 sampler steps, lowered to evaluation.samples and sampler_steps");
        Experiment written = ExperimentLoader.parse(FILE + "  curve: {every: 3, samples: 6, sampler_steps: 2}\n",
                "test.yaml");
        assertEquals(new CurveSpec(3, 6, 2), written.evaluation().curve());
    }

    @Test
    void theResolvedCurveSurvivesTheWriterSoArmProcessesSeeIt() {
        Experiment e = ExperimentLoader.parse(FILE + "  curve: {every: 3, samples: 2, sampler_steps: 4}\n",
                "test.yaml");
        Experiment back = ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml");
        assertEquals(e.evaluation(), back.evaluation());
    }

    @Test
    void aCurveWithoutEveryIsRejectedNamingTheKey() {
        ExperimentException e = failure(FILE + "  curve:\n    samples: 2\n");
        assertProblem(e, "evaluation.curve.every", 11, "missing required key 'every'");
    }

    @Test
    void everyBelowOneIsRejectedNamingTheKey() {
        ExperimentException e = failure(FILE + "  curve:\n    every: 0\n");
        assertProblem(e, "evaluation.curve.every", 11, "is out of range");
    }

    @Test
    void moreCurveSamplesThanTheEvaluationSetIsRejectedNamingBothKeys() {
        ExperimentException e = failure(FILE + "  curve:\n    every: 5\n    samples: 7\n");
        assertProblem(e, "evaluation.curve.samples", 12, "evaluation.curve.samples = 7",
                "dataset.eval_size = 6", "raise dataset.eval_size");
    }

    @Test
    void moreCurveSamplerStepsThanTimestepsIsRejectedNamingBothKeys() {
        String withDiffusion = FILE.replace("evaluation:", "diffusion:\n  timesteps: 20\nevaluation:");
        ExperimentException e = failure(withDiffusion + "  curve:\n    every: 5\n    sampler_steps: 21\n");
        assertProblem(e, "evaluation.curve.sampler_steps", 14, "= 21", "diffusion.timesteps = 20");
    }

    @Test
    void anUnknownKeyOrAScalarInPlaceOfTheBlockIsRejected() {
        assertProblem(failure(FILE + "  curve:\n    evry: 5\n"), "evaluation.curve.evry", 11, "not a known key",
                "every");
        assertProblem(failure(FILE + "  curve: 5\n"), "evaluation.curve", 10, "expected a mapping");
    }
}
