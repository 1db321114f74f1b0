package org.uniconbench.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one check a command makes before it works on a run folder ({@code report}, {@code compare},
 * {@code table}, {@code sync}, {@code reproduce}): the folder exists, its summary is
 * whole and of the right types ({@link RunFolder#open}), the run has finished (its status is not
 * {@code running}), it has arm rows, and its {@code provenance.json}, when present, is an object.
 * A problem is a {@link ReportException} naming the file and saying what to do (exit code 2).
 */
public final class RunFolderCheck {

    /** Statuses of a run that has ended; {@code null} (not recorded) is accepted too. */
    private static final Set<String> FINISHED = Set.of("completed", "partial", "failed");

    private RunFolderCheck() {
    }

    /**
     * Opens a run folder that has finished, or says what is wrong with it.
     *
     * @param runDir the run folder
     * @return the folder, read
     * @throws ReportException naming the file and the problem
     */
    public static RunFolder finished(Path runDir) {
        if (Files.isDirectory(runDir) && !Files.exists(runDir.resolve(RunFolder.SUMMARY))) {
            throw new ReportException(runDir + " is not a run folder (it has no " + RunFolder.SUMMARY
                    + "); pass a folder "
                    + "that `unicon run` made (`unicon runs` lists them), or finish a stopped run with `unicon run --resume`");
        }
        RunFolder run = RunFolder.open(runDir);
        Path summary = run.dir().resolve(RunFolder.SUMMARY);
        String status = run.summary().status();
        if ("running".equals(status)) {
            throw new ReportException(summary + ": status is \"running\": the run has not finished (it is still "
                    + "going, or it was stopped; `unicon runs` tells which); finish a stopped run with `unicon run --resume "
                    + runDir + "`");
        }
        if (status != null && !FINISHED.contains(status)) {
            throw new ReportException(summary + ": status must be one of " + FINISHED + ", found \"" + status
                    + "\": the file was changed by hand or by another tool; re-run the experiment");
        }
        if (run.summary().arms().isEmpty()) {
            throw new ReportException(summary + ": \"arms\" is empty: the run recorded no results; re-run the "
                    + "experiment, or finish it with `unicon run --resume " + runDir + "`");
        }
        run.provenance(); // refuses a provenance.json that is not an object
        return run;
    }
}
