package org.uniconbench.harness.estimate;

import ai.djl.Device;
import org.uniconbench.baselines.cost.Precision;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.Blueprint;
import org.uniconbench.harness.train.MemoryPass;
import org.uniconbench.reports.Metric;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the cost model against measurement: each arm's predicted training bytes (gradients, Adam's
 * moments, activations) beside the peak of the fresh-JVM memory passes ({@link MemoryPass}) the run
 * itself makes. The backbone's weights do not change memory, so an untrained one is checkpointed.
 *
 * <p>What the passes measure and the model leaves out: allocator slack, libtorch's working memory
 * (convolution buffers, the gradients of activations alive during backward) and the first step's
 * constant overhead; so the measured figure is above the prediction, by a part that grows more slowly
 * than the activations.
 */
public final class MemoryAgreement {

    /**
     * One arm: predicted and measured bytes.
     *
     * @param arm the arm's name
     * @param predictedBytes gradients, Adam state and activations, from the cost model
     * @param measuredBytes the passes' median peak above the built models
     * @param passBytes every pass
     */
    public record Row(String arm, long predictedBytes, long measuredBytes, List<Long> passBytes) {
        /** Measured over predicted. */
        public double ratio() {
            return predictedBytes == 0 ? Double.NaN : (double) measuredBytes / predictedBytes;
        }

        /** JSON-ready. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("predictedTrainingBytes", predictedBytes);
            m.put("measuredPeakBytes", measuredBytes);
            m.put("memoryPassBytes", passBytes);
            m.put("measuredOverPredicted", Math.round(ratio() * 1000) / 1000.0);
            m.put("measuredMinusPredictedBytes", measuredBytes - predictedBytes);
            return m;
        }
    }

    private MemoryAgreement() {
    }

    /**
     * Runs {@code passes} memory passes per arm and pairs them with the predictions.
     *
     * @param file the experiment file (the passes load it)
     * @param estimates predictions at the file's own batch, resolution and fp32
     * @param passes passes per arm, at least 1
     * @param progress where progress lines go
     * @return one row per arm
     * @throws BadInputException for an estimate-only file or predictions at other settings
     */
    public static List<Row> measure(Path file, ArmEstimates estimates, int passes, PrintWriter progress) {
        Experiment e = estimates.experiment();
        if (e.estimate().only()) {
            throw new BadInputException(file + " is estimate-only (estimate.only: true); --measure trains a few steps, "
                    + "so it needs a file this harness can run");
        }
        if (estimates.batch() != e.training().batchSize() || estimates.resolution() != e.dataset().resolution()
                || estimates.precision() != Precision.FP32) {
            throw new BadInputException("--measure compares with training as the file defines it: drop --batch, "
                    + "--resolution and --precision (the harness trains in fp32)");
        }
        if (passes < 1) {
            throw new BadInputException("--passes " + passes + " is out of range; allowed: an integer >= 1");
        }
        int seed = e.seeds().get(0);
        List<Row> rows = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("unicon-estimate-");
            Path checkpoint = dir.resolve("backbone.ucb");
            try (Backbone backbone = Blueprint.backbone(e, Device.cpu(), seed, false)) {
                Checkpoint.save(backbone.parameters(), checkpoint);
            }
            long start = System.nanoTime();
            int done = 0;
            for (ArmEstimates.Arm arm : estimates.arms()) {
                progress.printf(Locale.ROOT, "memory passes: %s (%d of %d arms, %d passes each)%s%n", arm.spec().name(),
                        done + 1, estimates.arms().size(), passes, eta(start, done, estimates.arms().size()));
                progress.flush();
                Map<String, Object> measured = MemoryPass.measure(file.toAbsolutePath(), arm.spec().name(), seed,
                        checkpoint, passes);
                @SuppressWarnings("unchecked")
                List<Long> each = (List<Long>) measured.get("memoryPassBytes");
                rows.add(new Row(arm.spec().name(), arm.cost().trainingBytes(),
                        ((Number) measured.get(Metric.PEAK_MEMORY.key())).longValue(), List.copyOf(each)));
                done++;
            }
            Files.deleteIfExists(checkpoint);
            Files.deleteIfExists(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return rows;
    }

    private static String eta(long start, int done, int total) {
        if (done == 0) {
            return "";
        }
        double perArm = (System.nanoTime() - start) / 1e9 / done;
        return String.format(Locale.ROOT, ", about %.0f s left", perArm * (total - done));
    }

    /** Predicted beside measured, one line per arm. */
    public static void print(List<Row> rows, PrintWriter out) {
        out.println("predicted vs measured training memory (gradients + Adam + activations; measured: fresh-JVM "
                + "memory passes, peak resident set above the built models):");
        out.printf(Locale.ROOT, "%-20s %14s %14s %10s %14s%n", "arm", "predicted MiB", "measured MiB", "ratio",
                "gap MiB");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-20s %14.1f %14.1f %9.2fx %14.1f%n", r.arm(), r.predictedBytes() / 1048576.0,
                    r.measuredBytes() / 1048576.0, r.ratio(), (r.measuredBytes() - r.predictedBytes()) / 1048576.0);
        }
    }
}
