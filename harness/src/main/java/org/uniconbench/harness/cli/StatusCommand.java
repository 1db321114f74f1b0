package org.uniconbench.harness.cli;

import org.uniconbench.harness.executor.SlurmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon status RUN_DIR}: each arm and seed's state, with its Slurm job's where it has one. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's arms and seeds: completed, failed, or (on Slurm) the job's state, with a "
        + "running arm's step and time left.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder")
    Path runDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SlurmStatus.print(runDir, spec.commandLine().getOut());
        return Main.OK;
    }
}
