package org.uniconbench.harness.estimate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.experiment.ExperimentLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost model against a real fresh-JVM memory pass at the quickstart's size (U-Net [16, 32, 64],
 * 32x32, batch 16): ControlNet and the full UniCon copy.
 *
 * <p>The band, and why: the model counts gradients, Adam's moments and the activations a step keeps,
 * which the measured peak must contain, so measured >= predicted. It leaves out libtorch's working
 * memory (the gradients of activations alive during backward, kernel buffers), allocator slack and a
 * constant first-step overhead. Measured with {@code ./unicon estimate FILE --measure --passes 1} on
 * the development machine (2026-11-29, shared by other jobs, so indicative only) at four sizes, every
 * arm: quickstart U-Net at batch 4, gap 30-32 MiB; at batch 16, 36-42 MiB; channels [32, 64, 128],
 * 39-52 MiB; DiT depth 6, hidden 96, 64 tokens, 21-28 MiB. Measured was never below predicted, so
 * the test allows a gap of 0 to 64 MiB. The constant cancels between arms: the measured difference
 * between ControlNet and the full copy was within 10% of the predicted one (quickstart: 70 vs 76 MiB
 * at batch 16, 21.6 vs 22.5 at batch 4; [32, 64, 128]: 150 vs 161). The test allowed 25% (passes of
 * one arm differ by a few percent, and this machine is shared) until an AVX2-only AMD EPYC measured
 * 56 vs 75 MiB (25.3% below) in one full suite of three runs on 2026-11-30 (the two runs of this test
 * alone passed); it allows 30% since: the check is that the arms differ by about what the model
 * says, not that every buffer is counted (a missing Adam moment of the full copy is under 10% here).
 */
class MemoryAgreementTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void predictedTrainingMemoryIsBelowTheMeasuredPeakByAtMostTheConstantOverheadAndArmsDifferAsPredicted()
            throws IOException {
        Path file = Files.writeString(dir.resolve("agreement.yaml"), """
                name: agreement
                output: %s
                dataset: {kind: shapes, resolution: 32, train_size: 256, eval_size: 4}
                backbone: {channels: [16, 32, 64], res_blocks: 1, groups: 8, pretrain: {steps: 0}}
                arms:
                  - {name: controlnet, method: controlnet}
                  - {name: unicon-full, method: unicon}
                training: {steps: 20, batch_size: 16}
                evaluation: {samples: 4, sampler_steps: 2, memory_passes: 1}
                """.formatted(dir.resolve("runs")));
        ArmEstimates estimates = ArmEstimates.of(ExperimentLoader.load(file), null, null, null);
        StringWriter progress = new StringWriter();
        List<MemoryAgreement.Row> rows = MemoryAgreement.measure(file, estimates, 1, new PrintWriter(progress));
        assertEquals(2, rows.size());
        for (MemoryAgreement.Row row : rows) {
            long gap = row.measuredBytes() - row.predictedBytes();
            assertTrue(gap >= 0, row + ": the measured peak must hold what the model counts");
            assertTrue(gap <= 64 * MIB, row + ": gap " + gap / MIB + " MiB is more than the stated 64 MiB");
        }
        long predictedDifference = rows.get(1).predictedBytes() - rows.get(0).predictedBytes();
        long measuredDifference = rows.get(1).measuredBytes() - rows.get(0).measuredBytes();
        assertTrue(predictedDifference > 0);
        assertTrue(Math.abs(measuredDifference - predictedDifference) <= 0.30 * predictedDifference,
                "measured difference " + measuredDifference / MIB + " MiB vs predicted " + predictedDifference / MIB);
        assertTrue(progress.toString().contains("memory passes: unicon-full (2 of 2 arms"), progress.toString());
    }

    @Test
    void refusesEstimateOnlyFilesAndOtherSettingsThanTheFiles() {
        Path preset = Path.of("..", "experiments", "presets", "pixart-alpha-like-256.yaml");
        ArmEstimates paper = ArmEstimates.of(ExperimentLoader.load(preset), null, null, null);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> MemoryAgreement.measure(preset, paper, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("estimate-only"), e.getMessage());
        Path quickstart = Path.of("..", "experiments", "quickstart.yaml");
        ArmEstimates other = ArmEstimates.of(ExperimentLoader.load(quickstart), 4, null, null);
        e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> MemoryAgreement.measure(quickstart, other, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("--batch"), e.getMessage());
    }
}
