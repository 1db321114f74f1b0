package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.arms.ArmChild;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.run.ExperimentRunner;
import org.uniconbench.harness.store.Provenance;
import org.uniconbench.harness.run.Reproduction;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.RunFolderCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon reproduce RUN_DIR}: re-runs a run from its own record and says what agrees. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Re-run RUN_DIR from its resolved experiment.yaml into a new run folder beside it, then "
        + "compare: provenance differences (code, versions, device) first, then every summary value "
        + "of every arm and seed, original vs new. Deterministic values (losses, fidelity, parameters) must be "
        + "equal (exactly, on the CPU); measurements (times, memory) are reported against a relative "
        + "tolerance and count only with --strict. Exit 0 when every counted value agrees, 1 when not.")
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder to reproduce")
    Path runDir;

    @Option(names = "--output", paramLabel = "DIR", description = "folder for the new run folder (default: the folder that holds RUN_DIR, whose caches it reuses)")
    Path output;

    @Option(names = "--parallel", paramLabel = "N", description = "arm processes at once (default: as the original run, from its provenance)")
    Integer parallel;

    @Option(names = "--time-tolerance", paramLabel = "FRACTION", defaultValue = ""
            + Reproduction.TIME_TOLERANCE, description = "relative tolerance of times (default ${DEFAULT-VALUE})")
    double timeTolerance;

    @Option(names = "--memory-tolerance", paramLabel = "FRACTION", defaultValue = ""
            + Reproduction.MEMORY_TOLERANCE, description = "relative tolerance of memory (default ${DEFAULT-VALUE})")
    double memoryTolerance;

    @Option(names = "--strict", description = "count times and memory in the exit status too (by default they are reported, and only "
            + "the deterministic values decide, so that a loaded machine does not fail a reproduction)")
    boolean strict;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunStore.open(runDir);
        RunFolderCheck.finished(runDir); // truncated, mistyped, empty or unfinished: exit 2 before the re-run
        if (!Files.isRegularFile(runDir.resolve(RunFolder.PROVENANCE))) { // the summary: checked just above
            throw new BadInputException(runDir + " has no " + RunFolder.PROVENANCE + ": the run did not get far enough "
                    + "to be reproduced; finish it first with unicon run --resume " + runDir);
        }
        if (parallel != null && parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, found " + parallel);
        }
        if (timeTolerance < 0 || memoryTolerance < 0) {
            throw new BadInputException("tolerances are fractions >= 0 (0.25 = 25%), found " + timeTolerance
                    + " and " + memoryTolerance);
        }
        Experiment e = ArmChild.experiment(runDir);
        if (output != null) {
            e = e.withOutput(output.toString());
        }
        int arms = parallel != null ? parallel : originalParallel();
        PrintWriter out = spec.commandLine().getOut();
        ExperimentRunner.Result result = ExperimentRunner.run(e, "unicon reproduce " + runDir, out, null, arms);
        Reproduction.Report report = Reproduction.compare(runDir, result.dir(), timeTolerance, memoryTolerance);
        Reproduction.print(report, runDir, result.dir(), strict, out);
        return report.agrees(strict) ? Main.OK : Main.FAILURE;
    }

    /** The original run's --parallel, 1 when it did not record one. */
    private int originalParallel() {
        String value = Provenance.read(runDir).get("parallel");
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException ex) {
            return 1;
        }
    }
}
