package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.ExecutorKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.PassJvm;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The launcher an experiment's executor asks for, after the executor's checks. */
public final class Launchers {

    private Launchers() {
    }

    /**
     * The launcher for {@code e.executor()}: null (the runner's own child processes) for local, a
     * checked {@link SlurmLauncher} for Slurm.
     *
     * @param e the experiment
     * @param outputDir the folder that holds (or will hold) the run folder
     * @param detach submit and return (Slurm only)
     * @param source the experiment file, for messages
     * @param out progress
     * @return the launcher, or null for local
     * @throws BadInputException for {@code --detach} with the local executor, or a failed Slurm check
     */
    public static ArmLauncher forExperiment(Experiment e, Path outputDir, boolean detach, String source,
            PrintWriter out) {
        if (e.executor().kind() == ExecutorKind.LOCAL) {
            if (detach) {
                throw new BadInputException(
                        "--detach needs the slurm executor (local arm processes stop with the run); "
                                + "add --executor slurm, or set executor: {kind: slurm} in " + source);
            }
            return null;
        }
        SlurmPreflight.check(e, outputDir, source, out);
        return new SlurmLauncher(e, detach);
    }

    /**
     * While open, the memory and timing passes this process starts (a {@code budget: {mode: memory}}
     * search, {@code evaluation.timing_passes}) are Slurm jobs ({@code srun}) when {@code e} runs on
     * Slurm; nothing changes for local experiments. The arm jobs' own memory passes run inside their jobs.
     */
    public static PassJvm.Scope memoryPasses(Experiment e) {
        if (e.executor().kind() == ExecutorKind.LOCAL) {
            return () -> {};
        }
        return PassJvm.launchWith(command -> SbatchRequest.srun(e.executor(), e.device(), command));
    }
}
