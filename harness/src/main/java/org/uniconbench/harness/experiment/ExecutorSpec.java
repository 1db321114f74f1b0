package org.uniconbench.harness.experiment;

import java.util.List;
import java.util.Objects;

/**
 * The {@code executor:} block: where each arm-and-seed process runs, and what a Slurm job asks for.
 * The Slurm keys are kept (and written back) under {@code kind: local} too, so that
 * {@code --executor slurm} on the command line finds them.
 *
 * @param kind        local child processes, or Slurm jobs
 * @param partition   {@code sbatch --partition}, null for the cluster's default
 * @param account     {@code sbatch --account}, or null
 * @param qos         {@code sbatch --qos}, or null
 * @param timeLimit   {@code sbatch --time} in Slurm's notation ({@code 90}, {@code 1:30:00}, {@code 2-00:00:00}), or null
 * @param cpusPerTask {@code sbatch --cpus-per-task}, or null
 * @param mem         {@code sbatch --mem} ({@code 8G}, {@code 16000M}), or null
 * @param gres        {@code sbatch --gres}; null means {@code gpu:1} when {@code device: gpu}, none otherwise
 * @param extraArgs   further {@code sbatch} arguments, passed as written
 */
public record ExecutorSpec(ExecutorKind kind, String partition, String account, String qos, String timeLimit,
        Integer cpusPerTask, String mem, String gres, List<String> extraArgs) {

    /** The default: arm processes on this machine. */
    public static final ExecutorSpec LOCAL = new ExecutorSpec(ExecutorKind.LOCAL, null, null, null, null, null, null,
            null, List.of());

    /** Copies the list and rejects a null kind. */
    public ExecutorSpec {
        Objects.requireNonNull(kind, "kind");
        extraArgs = List.copyOf(extraArgs);
    }

    /** The same settings with another kind (the command line's {@code --executor}). */
    public ExecutorSpec withKind(ExecutorKind other) {
        return new ExecutorSpec(other, partition, account, qos, timeLimit, cpusPerTask, mem, gres, extraArgs);
    }
}
