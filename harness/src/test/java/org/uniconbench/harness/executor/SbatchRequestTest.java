package org.uniconbench.harness.executor;

import org.junit.jupiter.api.Test;
import org.uniconbench.harness.experiment.DeviceChoice;
import org.uniconbench.harness.experiment.ExecutorKind;
import org.uniconbench.harness.experiment.ExecutorSpec;
import org.uniconbench.harness.experiment.ExperimentLoader;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the executor block asks of Slurm, and the batch script that runs the arms. */
class SbatchRequestTest {

    private static final ExecutorSpec FULL = new ExecutorSpec(ExecutorKind.SLURM, "gpu", "lab", "high", "1:00:00", 8,
            "16G", null, List.of("--constraint=a100"));

    @Test
    void everySettingBecomesItsSbatchOptionAndAGpuRunAsksForOneGpu() {
        assertEquals(List.of("--partition=gpu", "--account=lab", "--qos=high", "--time=1:00:00", "--cpus-per-task=8",
                "--mem=16G", "--gres=gpu:1", "--constraint=a100"), SbatchRequest.options(FULL, DeviceChoice.GPU));
        assertTrue(SbatchRequest.options(FULL, DeviceChoice.CPU).stream().noneMatch(o -> o.startsWith("--gres")),
                "no gres on the CPU unless written");
        assertEquals(List.of(),
                SbatchRequest.options(ExecutorSpec.LOCAL.withKind(ExecutorKind.SLURM), DeviceChoice.AUTO));
    }

    @Test
    void aMemoryPassRunsAsAnSrunJobWithTheSameSettings() {
        List<String> wrapped = SbatchRequest.srun(FULL, DeviceChoice.CPU, List.of("java", "-cp", "x", "Main"));
        assertEquals(List.of("srun", "--job-name=unicon-memory-pass", "--ntasks=1", "--quiet", "--partition=gpu"),
                wrapped.subList(0, 5));
        assertEquals(List.of("java", "-cp", "x", "Main"), wrapped.subList(wrapped.size() - 4, wrapped.size()));
    }

    @Test
    void theScriptMapsArrayIndicesToArmsAndRunsThemWithAnAbsoluteClassPath() {
        var e = ExperimentLoader.parse(
                "name: t\narms:\n  - {name: cn, method: controlnet}\n  - {name: uc, method: unicon}\n",
                "t.yaml");
        List<ArmTask> tasks = List.of(new ArmTask(Path.of("/runs/t-1"), e.arm("cn"), 0, "cn"),
                new ArmTask(Path.of("/runs/t-1"), e.arm("uc"), 3, "uc seed 3"));
        String script = SbatchRequest.script(Path.of("/runs/t-1"), tasks, List.of(0, 1));
        assertTrue(script.contains("  0) arm='cn'; seed=0 ;;\n  1) arm='uc'; seed=3 ;;\n"), script);
        assertTrue(script.contains("arm-run '/runs/t-1' --arm \"$arm\" --seed \"$seed\""), script);
        assertTrue(script.contains("-Dai.djl.offline=true") && script.contains("export OPT_OUT_TRACKING=true"), script);
        assertTrue(script.contains("if [ -f \"$dir/row.json\" ]"), "a requeue after the row does nothing");
        assertEquals(Path.of("lib/x.jar").toAbsolutePath() + ":/abs/y.jar",
                SbatchRequest.absoluteClassPath("lib/x.jar:/abs/y.jar"));
        assertEquals("'it'\\''s'", SbatchRequest.quote("it's"));
    }
}
