package org.uniconbench.benchmarks;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times training steps of one arm with the harness's own {@link Trainer}, for the side-by-side
 * comparison with the PyTorch replica ({@code benchmarks/step-time}, docs/step-time.md).
 *
 * <p>The arms are the replica's ({@link ReplicaArms}), on a randomly initialised (not pre-trained)
 * backbone: a step costs the same whatever the weights. Data: the procedural shapes with a 2x
 * downsampled condition (cheap to build; the condition kind does not change the step). Prints one
 * JSON line: medians (and p10, p90) over the steps after {@code warmup}, per phase.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *     org.uniconbench.benchmarks.StepBench ARM [steps] [warmup] [batch] [threads] [resolution]
 * </pre>
 */
public final class StepBench {

    private StepBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args arm, then optionally steps (100), warm-up steps (10), batch (16), torch threads (2),
     *     resolution (32)
     */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (args.length < 1 || args.length > 6) {
            System.err.println("usage: StepBench ARM [steps] [warmup] [batch] [threads] [resolution]; arms: "
                    + String.join(" ", ReplicaArms.NAMES));
            System.exit(2);
        }
        String arm = args[0];
        int steps = positive(args, 1, "steps", 100);
        int warmup = positive(args, 2, "warmup", 10);
        int batch = positive(args, 3, "batch", 16);
        int threads = positive(args, 4, "threads", 2);
        int resolution = positive(args, 5, "resolution", 32);
        try (NDManager probe = NDManager.newBaseManager(Device.cpu())) {
            JniUtils.setNumThreads(threads); // loads the engine first
        }
        AdapterSpec spec;
        try {
            spec = ReplicaArms.spec(arm);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ImageSet data = Datasets.load(DatasetKind.SHAPES, resolution, 256, 1, null, 0,
                new Condition.Downsample(2)).train();
        List<StepRecord> records = new ArrayList<>();
        try (Backbone backbone = ReplicaArms.backbone(arm, resolution, spec == null); // alone, it trains
                ControlledModel model = spec == null ? null : new ControlledModel(backbone, spec, 1)) {
            TrainOptions options = new TrainOptions(warmup + steps, batch, 1e-4, 0);
            new Trainer(new NoiseSchedule(1000, 1e-4, 0.02))
                    .train(model == null ? backbone : model, data, options, records::add);
        }
        List<StepRecord> measured = records.subList(warmup, records.size());
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"side\": \"djl\", \"arm\": \"%s\", \"steps\": %d, \"batch\": %d, \"threads\": %d, \"resolution\": %d",
                arm, steps, batch, threads, resolution));
        json.append(phase("step", measured.stream().mapToDouble(StepRecord::totalMs).toArray()));
        json.append(phase("data", measured.stream().mapToDouble(StepRecord::dataMs).toArray()));
        json.append(phase("forward", measured.stream().mapToDouble(StepRecord::forwardMs).toArray()));
        json.append(phase("backward", measured.stream().mapToDouble(StepRecord::backwardMs).toArray()));
        json.append(phase("optimizer", measured.stream().mapToDouble(StepRecord::optimizerMs).toArray()));
        System.out.println(json.append("}"));
    }

    /** Argument {@code index} as a positive integer ({@code fallback} when absent); exit 2 naming it otherwise. */
    private static int positive(String[] args, int index, String name, int fallback) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(args[index]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(name + " (argument " + (index + 1) + ") must be a positive integer, found " + args[index]);
        System.exit(2);
        return fallback;
    }

    private static String phase(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, ", \"%sMs\": %.3f, \"%sP10Ms\": %.3f, \"%sP90Ms\": %.3f", name,
                quantile(sorted, 0.5), name, quantile(sorted, 0.1), name, quantile(sorted, 0.9));
    }

    /** Linear interpolation between order statistics (numpy's default), of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
