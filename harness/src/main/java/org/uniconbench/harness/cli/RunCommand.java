package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.run.ExperimentRunner;
import org.uniconbench.harness.tracking.MlflowSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon run EXPERIMENT.yaml}: runs an experiment into a new run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment: pre-train (or reuse) the backbone, train and evaluate every arm, "
                + "write a run folder with summary and report.html.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "experiment definition file")
    Path file;

    @Option(names = "--output", paramLabel = "DIR",
            description = "folder for run folders (overrides the file's output:)")
    Path output;

    @Option(names = "--mlflow", paramLabel = "URI",
            description = "MLflow tracking server to mirror the run to (default: $MLFLOW_TRACKING_URI); "
                    + "the run folder stays the source of truth, `unicon sync` uploads what an outage missed")
    String mlflow;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = ExperimentLoader.load(file);
        if (output != null) {
            e = e.withOutput(output.toString());
        }
        ExperimentRunner.Result result = ExperimentRunner.run(e, "unicon run " + file,
                spec.commandLine().getOut(), MlflowSync.trackingUri(mlflow, System.getenv()));
        if (result.failedArms() > 0) {
            spec.commandLine().getErr().println(result.failedArms() + " arm run(s) failed; see "
                    + result.dir().resolve("summary.json"));
            return Main.FAILURE;
        }
        return Main.OK;
    }
}
