package org.uniconbench.harness.cli;

import org.uniconbench.harness.executor.ArmLauncher;
import org.uniconbench.harness.executor.Launchers;
import org.uniconbench.harness.experiment.ExecutorKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.arms.ArmChild;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.PassJvm;
import org.uniconbench.harness.run.ExperimentRunner;
import org.uniconbench.harness.arms.FailedArms;
import org.uniconbench.harness.tracking.TrackingTarget;
import org.uniconbench.reports.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon run EXPERIMENT.yaml}: runs an experiment into a new run folder (or finishes a stopped one). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run an experiment: pre-train (or reuse) the backbone, train and evaluate every arm "
        + "(each arm and seed in a fresh JVM), write a run folder with summary and report.html.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT.yaml", description = "experiment definition file (not with --resume)")
    Path file;

    @Option(names = "--output", paramLabel = "DIR", description = "folder for run folders (overrides the file's output:)")
    Path output;

    @Option(names = "--mlflow", paramLabel = "URI", description = "MLflow tracking server to mirror the run to, http(s)://HOST:PORT (default: "
            + "$MLFLOW_TRACKING_URI; credentials from $MLFLOW_TRACKING_USERNAME/PASSWORD or TOKEN); the run "
            + "folder stays the source of truth, `unicon sync` uploads what an outage missed")
    String mlflow;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "arm processes at once (default ${DEFAULT-VALUE}: clean timings; more shares the "
            + "cores, so step times and memory passes are disturbed)")
    int parallel;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "finish a stopped run (killed, machine down) in its folder, from its own "
            + "experiment.yaml: finished arms are kept, the others continue from their last checkpoint")
    Path resume;

    @Option(names = "--retry-failed", description = "with --resume: train the failed arms again too (from their last checkpoint, if any); "
            + "their earlier rows are kept as row-failed.json")
    boolean retryFailed;

    @Option(names = "--executor", paramLabel = "KIND", converter = ExecutorKindConverter.class, description = "where arm processes run: local (child processes here) or slurm (one Slurm job per arm "
            + "and seed); overrides the file's executor.kind")
    ExecutorKind executor;

    @Option(names = "--detach", description = "slurm only: submit the jobs and return the run folder at once; "
            + "`unicon status RUN_DIR` shows them, `unicon run --resume RUN_DIR` collects them")
    boolean detach;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, found " + parallel);
        }
        // the tracking URI and MLflow's credential variables are checked before any run folder exists
        TrackingTarget tracking = TrackingTarget.resolve(mlflow, System.getenv());
        ExperimentRunner.Result result;
        if (resume != null) {
            if (file != null || output != null) {
                throw new BadInputException("--resume takes the run folder only: the experiment is the folder's "
                        + "experiment.yaml and the run stays where it is (drop EXPERIMENT.yaml and --output)");
            }
            if (retryFailed) {
                FailedArms.setAside(resume, spec.commandLine().getOut());
            }
            String command = "unicon run --resume " + resume + (retryFailed ? " --retry-failed" : "");
            Experiment inFolder = withExecutor(ArmChild.experiment(resume));
            ArmLauncher launcher = Launchers.forExperiment(inFolder, resume.toAbsolutePath().normalize().getParent(),
                    detach, resume.resolve("experiment.yaml").toString(), spec.commandLine().getOut());
            try (PassJvm.Scope passes = Launchers.memoryPasses(inFolder)) {
                result = ExperimentRunner.resume(resume, command, spec.commandLine().getOut(), tracking, parallel,
                        launcher);
            }
        } else {
            if (retryFailed) {
                throw new BadInputException("--retry-failed goes with --resume RUN_DIR: it trains a stopped or "
                        + "finished run's failed arms again");
            }
            if (file == null) {
                throw new BadInputException("give an experiment file (unicon run EXPERIMENT.yaml), "
                        + "or --resume RUN_DIR to finish a stopped run");
            }
            Experiment e = ExperimentLoader.load(file);
            if (e.estimate().only()) {
                throw new BadInputException(file + " is estimate-only (estimate.only: true): it describes a model at "
                        + "the paper's scale that this harness does not train; price it with ./unicon estimate "
                        + file);
            }
            if (output != null) {
                e = e.withOutput(output.toString());
            }
            e = withExecutor(e);
            ArmLauncher launcher = Launchers.forExperiment(e, Path.of(e.output()), detach, file.toString(),
                    spec.commandLine().getOut());
            try (PassJvm.Scope passes = Launchers.memoryPasses(e)) {
                result = ExperimentRunner.run(e, "unicon run " + file, spec.commandLine().getOut(), tracking, parallel,
                        launcher);
            }
        }
        if (result.detached()) {
            spec.commandLine().getOut().println("detached: the Slurm jobs run on; states: unicon status " + result.dir()
                    + "; collect: unicon run --resume " + result.dir());
            spec.commandLine().getOut().println(result.dir());
            return Main.OK;
        }
        if (result.failedArms() > 0) {
            spec.commandLine().getErr().println(result.failedArms() + " arm run(s) failed; see "
                    + RunFolder.summaryFile(result.dir()));
            return Main.FAILURE;
        }
        return Main.OK;
    }

    private Experiment withExecutor(Experiment e) {
        return executor == null ? e : e.withExecutor(e.executor().withKind(executor));
    }
}
