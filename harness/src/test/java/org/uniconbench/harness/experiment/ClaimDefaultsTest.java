package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/** evaluation.interval and evaluation.quality_gate_multiple, and what a claim experiment defaults to. */
class ClaimDefaultsTest {

    private static final String ARMS = """
            arms:
              - name: cn
                method: controlnet
            """;

    @Test
    void aClaimExperimentWithTooFewSeedsIsRejectedNamingSeeds() {
        ExperimentException e = failure("name: tiny\nseeds: [0, 1, 2]\n" + ARMS + "evaluation:\n  interval: t\n");
        assertProblem(e, "seeds", 2, "seeds has 3 seeds", "evaluation.interval = t needs at least 5",
                "evaluation.interval: range");
    }

    @Test
    void aQualityGateMultipleAtOrBelowZeroIsRejectedNamingTheKey() {
        for (String bad : List.of("0", "-1.5")) {
            ExperimentException e = failure(
                    "name: tiny\n" + ARMS + "evaluation:\n  quality_gate_multiple: " + bad + "\n");
            assertProblem(e, "evaluation.quality_gate_multiple", 6, "is out of range");
        }
    }

    @Test
    void aClaimExperimentDefaultsToFiveSeedsAnd128SamplesOnItsOwnImagesPerSeed() {
        Experiment e = ExperimentLoader.parse("name: tiny\n" + ARMS + "evaluation:\n  interval: t\n", "test.yaml");
        assertEquals(List.of(0, 1, 2, 3, 4), e.seeds());
        assertEquals(128, e.evaluation().samples());
        assertEquals(640, e.dataset().evalSize(), "a disjoint window of 128 per seed");
        assertEquals(IntervalChoice.T, e.evaluation().interval());
        assertEquals(3.0, e.evaluation().qualityGateMultiple());
    }

    @Test
    void withoutTheKeyTheIntervalFollowsTheSeedsAndSmallFilesStaySmall() {
        Experiment few = ExperimentLoader.parse("name: tiny\nseeds: [0, 1, 2]\n" + ARMS, "test.yaml");
        assertEquals(IntervalChoice.RANGE, few.evaluation().interval());
        assertEquals(16, few.evaluation().samples(), "no claim experiment: the small defaults");
        Experiment five = ExperimentLoader.parse("name: tiny\nseeds: [0, 1, 2, 3, 4]\n" + ARMS, "test.yaml");
        assertEquals(IntervalChoice.T, five.evaluation().interval());
        assertEquals(16, five.dataset().evalSize());
        Experiment explicit = ExperimentLoader.parse("name: tiny\nseeds: [0, 1, 2, 3, 4]\n" + ARMS
                + "dataset:\n  eval_size: 8\nevaluation:\n  interval: t\n  samples: 4\n  quality_gate_multiple: 2.5\n",
                "test.yaml");
        assertEquals(4, explicit.evaluation().samples(), "fixtures stay small through explicit keys");
        assertEquals(8, explicit.dataset().evalSize());
        assertEquals(2.5, explicit.evaluation().qualityGateMultiple());
    }

    @Test
    void theResolvedFileKeepsTheChoices() {
        Experiment e = ExperimentLoader.parse("name: tiny\n" + ARMS + "evaluation:\n  interval: t\n"
                + "  quality_gate_multiple: 4\n", "test.yaml");
        Experiment again = ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml");
        assertEquals(e.evaluation(), again.evaluation());
        assertEquals(e.seeds(), again.seeds());
    }
}
