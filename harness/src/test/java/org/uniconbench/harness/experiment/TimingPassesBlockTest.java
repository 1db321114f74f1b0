package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/** evaluation.timing_passes: off unless written, its limits, and its round trip through the writer. */
class TimingPassesBlockTest {

    private static final String FILE = """
            name: tiny
            dataset:
              eval_size: 6
            arms:
              - name: cn
                method: controlnet
            evaluation:
              samples: 4
            """;

    @Test
    void timingPassesAreOffUnlessWrittenAndTheResolvedFileSaysSo() {
        Experiment e = ExperimentLoader.parse(FILE, "test.yaml");
        assertEquals(0, e.evaluation().timingPasses());
        assertEquals(0,
                ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml").evaluation().timingPasses());
    }

    @Test
    void writtenTimingPassesSurviveTheWriterSoTheRunFolderKeepsThem() {
        Experiment e = ExperimentLoader.parse(FILE + "  timing_passes: 3\n", "test.yaml");
        assertEquals(3, e.evaluation().timingPasses());
        Experiment back = ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml");
        assertEquals(e.evaluation(), back.evaluation());
        assertEquals(e, back);
    }

    @Test
    void aNegativeCountIsRejectedNamingTheKeyAndWhatToWrite() {
        assertProblem(failure(FILE + "  timing_passes: -1\n"), "evaluation.timing_passes", 9,
                "evaluation.timing_passes = -1 is out of range", "allowed: an integer in 0..20");
    }

    @Test
    void aNonIntegerCountIsRejectedNamingTheKeyAndWhatToWrite() {
        for (String value : new String[] {"1.5", "two"}) {
            assertProblem(failure(FILE + "  timing_passes: " + value + "\n"), "evaluation.timing_passes", 9,
                    "expected an integer, found '" + value + "'", "allowed: an integer in 0..20");
        }
    }
}
