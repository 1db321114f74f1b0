package org.uniconbench.harness.cli;

import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The options every internal fresh-JVM pass command takes: which experiment, arm, seed and backbone. */
final class PassTarget {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path file;

    @Option(names = "--arm", required = true)
    String arm;

    @Option(names = "--seed", required = true)
    int seed;

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    /** The experiment file, loaded and validated. */
    Experiment experiment() {
        return ExperimentLoader.load(file);
    }

    /** The named arm of {@code e}; a clear error when it has none of that name. */
    ArmSpec arm(Experiment e) {
        ArmSpec spec = e.arm(arm);
        if (spec == null) {
            throw new BadInputException("no arm named " + arm + " in " + file);
        }
        return spec;
    }
}
