package org.uniconbench.harness.store;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An arm's row names its Slurm job from the job's environment, and nothing outside a job. */
class JobEnvironmentTest {

    @Test
    void anArrayTaskIsNamedArrayUnderscoreTaskWithItsNodePartitionRestartsAndVersion() {
        Map<String, Object> f = JobEnvironment.rowFields(Map.of("SLURM_JOB_ID", "41", "SLURM_ARRAY_JOB_ID", "40",
                "SLURM_ARRAY_TASK_ID", "1", "SLURMD_NODENAME", "node7", "SLURM_JOB_PARTITION", "gpu",
                "SLURM_RESTART_COUNT", "2", JobEnvironment.VERSION, "slurm 23.02.7"));
        assertEquals("40_1", f.get("slurmJobId"));
        assertEquals("node7", f.get("slurmNode"));
        assertEquals("gpu", f.get("slurmPartition"));
        assertEquals(2L, f.get("slurmRestarts"));
        assertEquals("slurm 23.02.7", f.get("slurmVersion"));
        assertEquals("41", JobEnvironment.rowFields(Map.of("SLURM_JOB_ID", "41")).get("slurmJobId"), "a plain job");
    }

    @Test
    void outsideASlurmJobTheRowGetsNothing() {
        assertTrue(JobEnvironment.rowFields(Map.of("PATH", "/usr/bin")).isEmpty());
    }
}
