package org.uniconbench.harness.cli;

import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.tracking.MlflowSync;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolderCheck;
import org.uniconbench.harness.tracking.TrackingException;
import org.uniconbench.harness.tracking.TrackingTarget;
import org.uniconbench.harness.tracking.TrackingUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unicon sync RUN_DIR}: uploads to MLflow whatever the tracking server lacks of a run folder
 * (after an outage, or for a run made without tracking); running it twice uploads nothing twice.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Upload a run folder to an MLflow tracking server: experiment, parent and child runs, "
        + "params, tags, metric histories and artifacts the server lacks; nothing is uploaded twice.", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:synced", "1:the server is unreachable or refused a request",
            "2:not a run folder, no tracking URI, or a malformed one (or malformed MLFLOW_TRACKING_* credentials)"})
public final class SyncCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder (with its summary)")
    Path runDir;

    @Option(names = "--mlflow", paramLabel = "URI", description = "MLflow tracking server, e.g. http://127.0.0.1:5000 (default: $MLFLOW_TRACKING_URI; "
            + "credentials from $MLFLOW_TRACKING_USERNAME/PASSWORD or TOKEN)")
    String mlflow;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    /** The command as the command line creates it: the URI may come from the process environment. */
    public SyncCommand() {
        this(System.getenv());
    }

    /**
     * The command with a given environment (for tests).
     *
     * @param environment where {@code MLFLOW_TRACKING_URI} and MLflow's credential variables are looked up
     */
    public SyncCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrackingTarget target;
        try {
            target = TrackingTarget.resolve(mlflow, environment);
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (target == null) {
            err.println("error: no MLflow tracking server: pass --mlflow URI or set " + MlflowSync.URI_VARIABLE);
            return Main.BAD_INPUT;
        }
        try {
            RunFolderCheck.finished(runDir); // the check report, compare, table and reproduce make
        } catch (ReportException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        try {
            MlflowSync.Report report = MlflowSync.sync(runDir, target);
            out.println(report.describe());
            out.println(report.nothingUploaded() ? "up to date: the server already had everything"
                    : "parent run " + report.parentRunId() + " (ids in " + runDir.resolve(MlflowSync.LEDGER) + ")");
            report.warnings().forEach(w -> err.println("warning: " + w));
            return Main.OK;
        } catch (TrackingUnavailableException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILURE;
        } catch (TrackingException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILURE;
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
