package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code executor:} block: local by default, Slurm settings checked once and written back loadable. */
class ExecutorBlockTest {

    private static final String ONE_ARM = """
            name: t
            arms:
              - {name: cn, method: controlnet}
            """;

    @Test
    void withoutAnExecutorArmsRunAsLocalProcesses() {
        assertEquals(ExecutorSpec.LOCAL, ExperimentLoader.parse(ONE_ARM, "test.yaml").executor());
    }

    @Test
    void slurmSettingsAreReadAndSurviveTheResolvedFile() {
        Experiment e = ExperimentLoader.parse(ONE_ARM + """
                executor:
                  kind: slurm
                  partition: gpu
                  account: lab
                  qos: normal
                  time_limit: "1:30:00"
                  cpus_per_task: 4
                  mem: 16G
                  gres: gpu:a100:1
                  extra_args: ["--constraint=a100"]
                """, "test.yaml");
        ExecutorSpec x = e.executor();
        assertEquals(new ExecutorSpec(ExecutorKind.SLURM, "gpu", "lab", "normal", "1:30:00", 4, "16G", "gpu:a100:1",
                List.of("--constraint=a100")), x);
        assertEquals(e, ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml"));
    }

    @Test
    void badSlurmSettingsNameTheKeyAndTheNotation() {
        assertProblem(failure(ONE_ARM + "executor: {kind: pbs}\n"), "executor.kind", 4,
                "executor.kind = 'pbs' is not allowed; allowed: one of local, slurm");
        assertProblem(failure(ONE_ARM + "executor: {kind: slurm, time_limit: 'an hour'}\n"), "executor.time_limit", 4,
                "executor.time_limit = 'an hour' is not allowed", "1:30:00");
        assertProblem(failure(ONE_ARM + "executor: {kind: slurm, mem: 16GB}\n"), "executor.mem", 4,
                "executor.mem = '16GB' is not allowed", "16G");
        assertProblem(failure(ONE_ARM + "executor: {kind: slurm, extra_args: [constraint=a100]}\n"),
                "executor.extra_args[0]", 4, "is not an sbatch option");
        assertProblem(failure(ONE_ARM + "executor: {kind: slurm, cpus_per_task: 0}\n"), "executor.cpus_per_task", 4,
                "out of range");
        assertProblem(failure(ONE_ARM + "executor: {kind: slurm, partiton: gpu}\n"), "executor.partiton", 4,
                "did you mean 'partition'?");
    }
}
