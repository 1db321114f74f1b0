package org.uniconbench.harness.tracking;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Mirrors one run folder while it is being made (after every arm and at the end) and never fails
 * the run: everything is safe in the folder, and {@code unicon sync} catches up later.
 *
 * <p>A problem is printed once, with the {@code unicon sync} command for this folder: an
 * unreachable server is tried again at the next sync (it may come back) but the same complaint is
 * not repeated; a server that wants other credentials or permissions is not asked again in this run,
 * since the environment cannot change meanwhile.
 */
public final class RunMirror {

    private final TrackingTarget target;
    private final Path runDir;
    private final PrintWriter out;
    private String complaint;
    private boolean refused;

    /**
     * A mirror of one run folder.
     *
     * @param target the server, or null for none (then {@link #sync()} does nothing)
     * @param runDir the run folder
     * @param out where to say what happened
     */
    public RunMirror(TrackingTarget target, Path runDir, PrintWriter out) {
        this.target = target;
        this.runDir = runDir;
        this.out = out;
    }

    /**
     * Uploads what the server lacks; prints one line on success, the first complaint otherwise.
     *
     * @return the report, or null when nothing was synced
     */
    public synchronized MlflowSync.Report sync() {
        if (target == null || refused) {
            return null;
        }
        try {
            MlflowSync.Report report = MlflowSync.sync(runDir, target);
            out.println(report.describe());
            report.warnings().forEach(w -> out.println("MLflow warning: " + w));
            complaint = null;
            return report;
        } catch (TrackingAuthException e) {
            refused = true;
            complain(e.getMessage() + "; not tried again in this run");
        } catch (TrackingException e) {
            complain(e.getMessage());
        } catch (RuntimeException e) {
            complain("MLflow sync failed (" + e + ")");
        }
        out.flush();
        return null;
    }

    private void complain(String message) {
        if (message.equals(complaint)) {
            return;
        }
        complaint = message;
        out.println("MLflow: " + message + ". " + retryHint(runDir, target));
    }

    /** How to upload a run folder later: the command, with the real folder and server. */
    public static String retryHint(Path runDir, TrackingTarget target) {
        return "The run folder keeps everything: once that is fixed, run `unicon sync " + quote(runDir.toString())
                + " --mlflow " + target.uri() + "` to upload it";
    }

    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
