package org.uniconbench.harness.cli;

import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.train.TimingPass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Internal: one fresh-process timing pass of one arm (started by {@code run}, not by users). */
@Command(name = "timing-pass", hidden = true, mixinStandardHelpOptions = true, description = "Internal: time one arm's training step in this fresh process.")
final class TimingPassCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path file;

    @Option(names = "--arm", required = true)
    String arm;

    @Option(names = "--seed", required = true)
    int seed;

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = ExperimentLoader.load(file);
        ArmSpec armSpec = e.arm(arm);
        if (armSpec == null) {
            throw new BadInputException("no arm named " + arm + " in " + file);
        }
        spec.commandLine().getOut().println(TimingPass.measureHere(e, armSpec, seed, checkpoint));
        return Main.OK;
    }
}
