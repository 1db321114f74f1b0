package org.uniconbench.harness.arms;

import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.train.ArmRunner;

import java.nio.file.Path;
import java.util.Map;

/**
 * An arm-and-seed folder's row, for executors outside this package: where the folder is, the row its
 * process wrote, and the failed row written for a process that ended without one.
 */
public final class ArmRows {

    private ArmRows() {
    }

    /** {@code arms/ARM/seed-SEED}, relative to the run folder. */
    public static String folder(String arm, long seed) {
        return ArmRunner.folder(arm, seed);
    }

    /** The row the arm's process wrote, or null when it has none (yet). */
    public static Map<String, Object> finished(Path runDir, String arm, long seed) {
        return ArmProcess.finishedRow(runDir, arm, seed);
    }

    /**
     * Writes and returns a failed row for an arm whose process ended without writing one.
     *
     * @param runDir the run folder
     * @param arm the arm
     * @param seed the seed
     * @param error why, in words the user can act on
     * @return the row as read back (the same value types as a row a process wrote)
     */
    public static Map<String, Object> failed(Path runDir, ArmSpec arm, long seed, String error) {
        Map<String, Object> row = ArmRunner.baseRow(arm, seed);
        row.put("status", "failed");
        row.put("error", error);
        return rewrite(runDir, arm.name(), seed, row);
    }

    /** Writes {@code row} as the arm's row (with fields added by an executor) and returns it as read back. */
    public static Map<String, Object> rewrite(Path runDir, String arm, long seed, Map<String, Object> row) {
        RunStore.open(runDir).writeJson(folder(arm, seed) + "/" + ArmChild.ROW, row);
        return finished(runDir, arm, seed);
    }
}
