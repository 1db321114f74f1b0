package org.uniconbench.harness.experiment;

/** Where arm processes run ({@code executor.kind:} in the experiment file). */
public enum ExecutorKind {
    /** Child JVMs on this machine, at most {@code --parallel} at once. */
    LOCAL("local"),
    /** One Slurm job per arm and seed (a job array), submitted with {@code sbatch}. */
    SLURM("slurm");

    private final String yamlName;

    ExecutorKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code slurm}. */
    public String yamlName() {
        return yamlName;
    }
}
