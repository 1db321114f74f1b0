package org.uniconbench.harness.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance a batch scheduler gives an arm's process through its environment, for the arm's
 * row: under Slurm the job id ({@code ARRAY_TASK} for an array task), node, partition, how often the
 * job was requeued, and Slurm's version (which the batch script exports as {@value #VERSION}). Empty
 * outside a Slurm job. The row carries it whoever collects it, so an arm whose job finished before a
 * run was collected still names its job.
 */
public final class JobEnvironment {

    /** Set by the executor's batch script: Slurm's version as {@code sbatch --version} printed it. */
    public static final String VERSION = "UNICON_SLURM_VERSION";

    private JobEnvironment() {
    }

    /**
     * The row fields of this process's Slurm job.
     *
     * @param env the environment ({@link System#getenv()})
     * @return slurmJobId, slurmNode, slurmPartition, slurmRestarts, slurmVersion; empty when not in a job
     */
    public static Map<String, Object> rowFields(Map<String, String> env) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String job = env.get("SLURM_JOB_ID");
        if (job == null) {
            return fields;
        }
        String array = env.get("SLURM_ARRAY_JOB_ID");
        String task = env.get("SLURM_ARRAY_TASK_ID");
        fields.put("slurmJobId", array != null && task != null ? array + "_" + task : job);
        fields.put("slurmNode", env.get("SLURMD_NODENAME"));
        fields.put("slurmPartition", env.get("SLURM_JOB_PARTITION"));
        fields.put("slurmRestarts", Long.parseLong(env.getOrDefault("SLURM_RESTART_COUNT", "0")));
        fields.put("slurmVersion", env.get(VERSION));
        return fields;
    }
}
