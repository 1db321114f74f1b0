package org.uniconbench.harness.cli;

import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.train.MemoryPass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Internal: one fresh-process memory pass of one arm (started by {@code run}, not by users). */
@Command(name = "memory-pass", hidden = true, mixinStandardHelpOptions = true, description = "Internal: measure one arm's training memory in this fresh process.")
final class MemoryPassCommand implements Callable<Integer> {

    @Mixin
    PassTarget target;

    @Option(names = "--width", description = "measure the arm at this adapter width, in (0, 1] (a budget's candidate)")
    Double width;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = target.experiment();
        ArmSpec armSpec = target.arm(e);
        if (width != null) {
            if (!(width > 0 && width <= 1)) {
                throw new BadInputException("--width " + width + " is out of range; allowed: a number in (0, 1]");
            }
            armSpec = armSpec.withWidth(width);
        }
        spec.commandLine().getOut().println(MemoryPass.measureHere(e, armSpec, target.seed, target.checkpoint));
        return Main.OK;
    }
}
