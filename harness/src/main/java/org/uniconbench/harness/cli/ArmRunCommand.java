package org.uniconbench.harness.cli;

import org.uniconbench.harness.arms.ArmChild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Internal: one arm and seed of a run in this fresh process (started by {@code run}, not by users). */
@Command(name = "arm-run", hidden = true, mixinStandardHelpOptions = true, description = "Internal: train and evaluate one arm and seed of a run folder in this process, "
        + "continuing from its checkpoint; writes arms/ARM/seed-SEED/row.json.")
final class ArmRunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--arm", required = true)
    String arm;

    @Option(names = "--seed", required = true)
    int seed;

    @Option(names = "--halt-after-step", hidden = true, defaultValue = "0", description = "for tests: stop abruptly after this step, as kill -9 would")
    int haltAfterStep;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ArmChild.run(runDir, arm, seed, haltAfterStep, spec.commandLine().getOut());
        return Main.OK;
    }
}
