package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.train.BackboneProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon probe-backbone}: times a few of an experiment's pre-training steps and extrapolates. */
@Command(name = "probe-backbone", mixinStandardHelpOptions = true, description = "Run a few steps of the experiment's backbone pre-training (EMA included), time them and "
        + "one batch of sampling, and estimate the whole pre-training; nothing is cached.")
final class ProbeBackboneCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path file;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "pre-training steps to time, at least 10 (default: ${DEFAULT-VALUE})")
    int steps;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BackboneProbe.run(ExperimentLoader.load(file), steps, spec.commandLine().getOut());
        return Main.OK;
    }
}
