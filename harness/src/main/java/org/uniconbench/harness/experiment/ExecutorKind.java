package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;

/** Where arm processes run ({@code executor.kind:} in the experiment file). */
public enum ExecutorKind implements Spelled {
    /** Child JVMs on this machine, at most {@code --parallel} at once. */
    LOCAL,
    /** One Slurm job per arm and seed (a job array), submitted with {@code sbatch}. */
    SLURM
}
