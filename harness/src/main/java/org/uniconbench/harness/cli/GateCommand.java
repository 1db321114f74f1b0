package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.train.GateSpread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon gate}: the quality gate of a file's cached backbone, read from several starting noises. */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Read the quality gate of the experiment's "
        + "cached backbone several times, each from other starting noise (the first is the run's reading), and "
        + "print the spread; run the file first.")
final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path file;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "readings, at least 2 "
            + "(default: ${DEFAULT-VALUE}, the run's gate draws: their mean is the run's gate)")
    int repeats;

    @Option(names = "--sampler-steps", paramLabel = "S", description = "DDIM steps (default: the file's "
            + "evaluation.sampler_steps)")
    Integer samplerSteps;

    @Option(names = "--floor-draws", paramLabel = "K", defaultValue = "20", description = "real-vs-real draws to "
            + "print, each the targets against another block of N held-out real images; the gate's floor is the mean "
            + "of the first 20 (default: ${DEFAULT-VALUE})")
    int floorDraws;

    @Option(names = "--output", paramLabel = "DIR", description = "the folder the file was run into, if not its "
            + "output: (its .cache holds the backbone)")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var e = ExperimentLoader.load(file);
        GateSpread.run(output == null ? e : e.withOutput(output.toString()), repeats, floorDraws, samplerSteps,
                spec.commandLine().getOut());
        return Main.OK;
    }
}
