package org.uniconbench.harness.cli;

import org.uniconbench.harness.executor.Launchers;
import org.uniconbench.harness.executor.SlurmLauncher;
import org.uniconbench.harness.executor.SlurmPreflight;
import org.uniconbench.harness.experiment.ExecutorKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.run.ExperimentRunner;
import org.uniconbench.harness.train.PassJvm;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.sweep.RunsText;
import org.uniconbench.harness.sweep.SweepExpander;
import org.uniconbench.harness.sweep.SweepPoint;
import org.uniconbench.harness.tracking.TrackingTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unicon sweep SWEEP.yaml}: expands a sweep file into its points (all validated first), runs
 * each as a normal run folder (locally one after another, or on Slurm all submitted before any is
 * awaited), prints one line per point with its folder, and ends with the table of all of them.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run every point of a sweep file (an experiment plus sweep: {axes: {KEY: [VALUES]}}) as its own "
        + "run folder; all points are validated before anything runs.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "the sweep file")
    Path file;

    @Option(names = "--output", paramLabel = "DIR", description = "folder for the run folders (overrides output:)")
    Path output;

    @Option(names = "--executor", paramLabel = "KIND", converter = ExecutorKindConverter.class, description = "local or slurm; overrides the file's executor.kind")
    ExecutorKind executor;

    @Option(names = "--detach", description = "slurm only: submit every point's jobs and return; collect each "
            + "point with unicon run --resume RUN_DIR")
    boolean detach;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "local arm processes at once")
    int parallel;

    @Option(names = "--mlflow", paramLabel = "URI", description = "MLflow tracking server (default: $MLFLOW_TRACKING_URI)")
    String mlflow;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SweepPoint> points = SweepExpander.expand(file); // every point valid, or nothing runs
        List<Experiment> experiments = new ArrayList<>();
        for (SweepPoint p : points) {
            Experiment e = p.experiment();
            e = output == null ? e : e.withOutput(output.toString());
            e = executor == null ? e : e.withExecutor(e.executor().withKind(executor));
            experiments.add(e);
        }
        boolean slurm = experiments.get(0).executor().kind() == ExecutorKind.SLURM;
        if (detach && !slurm) {
            throw new BadInputException("--detach needs the slurm executor; add --executor slurm");
        }
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, found " + parallel);
        }
        if (slurm) {
            SlurmPreflight.check(experiments.get(0), Path.of(experiments.get(0).output()), file.toString(), out);
        }
        out.println("sweep " + file + ": " + points.size() + " point(s)");
        // the tracking URI and MLflow's credential variables are checked before any run folder exists
        TrackingTarget tracking = TrackingTarget.resolve(mlflow, System.getenv());
        List<Path> folders = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < points.size(); i++) {
            SweepPoint p = points.get(i);
            Experiment e = experiments.get(i);
            ExperimentRunner.Result r;
            try (PassJvm.Scope passes = Launchers.memoryPasses(e)) {
                r = ExperimentRunner.run(e, "unicon sweep " + file + " (point " + i + ")", out, tracking, parallel,
                        slurm ? new SlurmLauncher(e, true) : null);
            }
            recordPoint(r.dir(), p);
            folders.add(r.dir());
            failed += r.failedArms();
            out.println("point " + i + ": " + p.describe() + " -> " + r.dir());
        }
        if (slurm && !detach) { // all submitted; now wait for each point's jobs and write its summary and report
            for (int i = 0; i < points.size(); i++) {
                Path dir = folders.get(i);
                failed += ExperimentRunner.resume(dir, "unicon sweep " + file + " (collect point " + i + ")", out,
                        tracking, parallel, new SlurmLauncher(experiments.get(i), false)).failedArms();
            }
        }
        for (int i = 0; i < points.size(); i++) {
            out.println("point " + i + ": " + points.get(i).describe() + " -> " + folders.get(i));
        }
        if (slurm && detach) {
            out.println(
                    "detached: collect each point with unicon run --resume RUN_DIR; then unicon compare the folders");
            return Main.OK;
        }
        RunsText.print(folders, out);
        out.println("compare: unicon compare " + String.join(" ", folders.stream().map(Path::toString).toList()));
        if (failed > 0) {
            spec.commandLine().getErr()
                    .println(failed + " arm run(s) failed; see the points' summaries (unicon runs --csv)");
            return Main.FAILURE;
        }
        return Main.OK;
    }

    private void recordPoint(Path dir, SweepPoint p) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sweep", file.toAbsolutePath().toString());
        record.put("index", p.index());
        record.put("values", p.values());
        RunStore.open(dir).writeJson(RunsText.POINT_FILE, record);
    }
}
