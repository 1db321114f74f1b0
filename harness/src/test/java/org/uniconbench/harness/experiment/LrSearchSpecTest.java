package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.train.HeldOutScore;

/** {@code training.lr_search}: rates and steps, checked, and kept in the resolved file. */
class LrSearchSpecTest {

    private static final String HEAD = """
            name: t
            arms:
              - {name: cn, method: controlnet}
            training:
            """;

    @Test
    void aSearchIsReadAndWrittenBack() {
        Experiment plain = ExperimentLoader.parse(HEAD + "  steps: 5\n", "test.yaml");
        assertNull(plain.training().lrSearch(), "no search unless asked");
        Experiment e = ExperimentLoader.parse(HEAD + "  lr_search: {rates: [1.0e-4, 3.0e-4, 1.0e-3], steps: 50}\n",
                "test.yaml");
        assertEquals(new LrSearchSpec(List.of(1e-4, 3e-4, 1e-3), 50), e.training().lrSearch());
        String yaml = ExperimentWriter.toYaml(e);
        assertTrue(yaml.contains("lr_search:"), yaml);
        assertEquals(e, ExperimentLoader.parse(yaml, "experiment.yaml"), "round trip");
    }

    @Test
    void whatTheHeldOutLossScoresIsReadWrittenBackAndOmittedWhenItIsTheTrainingLoss() {
        Experiment e = ExperimentLoader.parse(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3], steps: 50, "
                + "held_out_from: 0.5, held_out_target: clean}\n", "test.yaml");
        LrSearchSpec search = e.training().lrSearch();
        assertEquals(0.5, search.heldOutFrom());
        assertEquals(HeldOutScore.Target.CLEAN, search.heldOutTarget());
        assertEquals(new HeldOutScore(8, 0.5, HeldOutScore.Target.CLEAN), search.heldOutScore(8));
        String yaml = ExperimentWriter.toYaml(e);
        assertTrue(yaml.contains("held_out_target: clean"), yaml);
        assertEquals(e, ExperimentLoader.parse(yaml, "experiment.yaml"), "round trip");
        Experiment plain = ExperimentLoader.parse(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3], steps: 50}\n",
                "test.yaml");
        assertTrue(plain.training().lrSearch().scoresTrainingLoss(), "the default is the training loss");
        assertFalse(ExperimentWriter.toYaml(plain).contains("held_out"), "a resolved file of before reads the same");
    }

    @Test
    void aHeldOutRangeOutsideTheScheduleOrAnUnknownTargetIsNamed() {
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3], steps: 5, held_out_from: 1.0}\n"),
                "training.lr_search.held_out_from", 5, "out of range");
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3], steps: 5, held_out_target: x0}\n"),
                "training.lr_search.held_out_target", 5, "clean");
    }

    @Test
    void tooFewRepeatedOrOutOfRangeRatesAndMissingStepsAreNamed() {
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4], steps: 5}\n"), "training.lr_search.rates", 5,
                "has 1 rate(s); allowed: at least 2");
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-4], steps: 5}\n"),
                "training.lr_search.rates[1]", 5, "repeats an earlier rate");
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 2.0], steps: 5}\n"),
                "training.lr_search.rates[1]", 5, "out of range");
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3]}\n"), "training.lr_search.steps", 5,
                "missing required key 'steps'");
        assertProblem(failure(HEAD + "  lr_search: {rates: [1.0e-4, 1.0e-3], steps: 0}\n"),
                "training.lr_search.steps", 5, "out of range");
    }
}
