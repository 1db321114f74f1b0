package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import java.util.List;
import org.junit.jupiter.api.Test;

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
