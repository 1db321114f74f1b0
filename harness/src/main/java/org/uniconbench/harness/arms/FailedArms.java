package org.uniconbench.harness.arms;

import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.train.ArmRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code unicon run --resume RUN_DIR --retry-failed}: a resume keeps every arm that has a row, failed
 * ones too; this sets the failed rows aside ({@code row.json} becomes {@code row-failed.json}, kept
 * for the record), so that the resume trains those arms again, from their last checkpoint when they
 * have one, else from the start.
 */
public final class FailedArms {

    /** Where a failed row is kept once it is set aside. */
    static final String SET_ASIDE = "row-failed.json";

    private FailedArms() {
    }

    /**
     * Sets aside the rows of every failed arm and seed of a run folder.
     *
     * @param runDir the run folder
     * @param out where each retried arm is named with its earlier error
     * @return how many were set aside
     * @throws BadInputException when the folder is not a run folder
     */
    public static int setAside(Path runDir, PrintWriter out) {
        Experiment e = ArmChild.experiment(runDir);
        int count = 0;
        for (int seed : e.seeds()) {
            for (ArmSpec arm : e.arms()) {
                Map<String, Object> row = ArmProcess.finishedRow(runDir, arm.name(), seed);
                if (row == null || !"failed".equals(row.get("status"))) {
                    continue;
                }
                Path dir = runDir.resolve(ArmRunner.folder(arm.name(), seed));
                try {
                    Files.move(dir.resolve(ArmChild.ROW), dir.resolve(SET_ASIDE), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot set aside the failed row in " + dir, ex);
                }
                out.println("[" + arm.name() + " seed " + seed + "] failed earlier (" + row.get("error")
                        + "); trained again");
                count++;
            }
        }
        if (count == 0) {
            out.println("--retry-failed: no failed arm in " + runDir);
        }
        return count;
    }
}
