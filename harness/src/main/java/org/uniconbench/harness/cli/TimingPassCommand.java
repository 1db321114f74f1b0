package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.train.TimingPass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Internal: one fresh-process timing pass of one arm (started by {@code run}, not by users). */
@Command(name = "timing-pass", hidden = true, mixinStandardHelpOptions = true, description = "Internal: time one arm's training step in this fresh process.")
final class TimingPassCommand implements Callable<Integer> {

    @Mixin
    PassTarget target;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = target.experiment();
        spec.commandLine().getOut().println(TimingPass.measureHere(e, target.arm(e), target.seed, target.checkpoint));
        return Main.OK;
    }
}
