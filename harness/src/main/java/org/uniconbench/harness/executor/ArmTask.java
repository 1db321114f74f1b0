package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.ArmSpec;

import java.nio.file.Path;

/**
 * One arm and seed of a run, as an executor sees it.
 *
 * @param runDir the run folder (absolute)
 * @param arm the arm
 * @param seed the seed
 * @param label how progress lines name it ({@code unicon}, {@code unicon seed 1})
 */
public record ArmTask(Path runDir, ArmSpec arm, long seed, String label) {

    /** The key of this task in a job ledger: {@code ARM/SEED}. */
    public String key() {
        return arm.name() + "/" + seed;
    }
}
