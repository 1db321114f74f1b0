package org.uniconbench.harness.train;

import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.MemoryProbe;
import org.uniconbench.metrics.Statistics;
import org.uniconbench.reports.Metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one arm's training memory in a fresh JVM, so that the figure belongs to the method and
 * not to what earlier arms, pre-training or the JVM left behind.
 *
 * <p>The child JVM pre-touches a fixed heap (so heap growth is not counted), runs with glibc's
 * {@code MALLOC_MMAP_THRESHOLD_=65536} (so large freed tensors go back to the OS and the resident set
 * follows live tensors), builds the frozen backbone and the adapter, notes the resident set, resets
 * the peak ({@code /proc/self/clear_refs}), trains {@value #STEPS} steps and reports the peak
 * resident set minus that baseline: activations, gradients, optimiser state and allocator slack.
 * Timing passes ({@link TimingPass}) run without the allocator setting and with the JVM's default flags;
 * both start through {@link PassJvm}. When the experiment trains on a GPU, the child
 * reports the device's peak instead ({@link GpuMemory}); the parent labels the figure accordingly.
 * A budget's search measures candidate widths by passing {@code --width}.
 */
public final class MemoryPass {

    /** Training steps per pass: past the first optimiser step, which allocates Adam's state. */
    static final int STEPS = 12;

    /** How the figure was made, for the report. */
    static final String METHOD = "CPU: fresh JVM per arm and pass (heap pre-touched, C1 JIT only, "
            + "MALLOC_MMAP_THRESHOLD_=65536), "
            + STEPS + " training steps; peak resident set (VmHWM) minus the resident set after building the "
            + "frozen backbone and the adapter; median of the passes";

    /** How the figure was made when the experiment trains on a GPU. */
    static final String GPU_METHOD = "GPU: fresh JVM per arm and pass, " + STEPS + " training steps; "
            + GpuMemory.METHOD
            + "; median of the passes";

    private static final String RESULT_PREFIX = "memory-pass peakAboveBaselineBytes=";
    /** The child's second line when it measured a GPU. */
    private static final String GPU_LINE = "memory-pass device=gpu";

    private MemoryPass() {
    }

    /**
     * Runs the passes in child JVMs.
     *
     * @param experimentFile the run's resolved experiment.yaml
     * @param arm the arm's name
     * @param seed the seed
     * @param checkpoint the frozen backbone's checkpoint
     * @param passes how many passes (at least 1)
     * @return peakMemoryBytes (median), memoryPassBytes (each pass), memoryPassSpread ((max - min) / median)
     */
    public static Map<String, Object> measure(Path experimentFile, String arm, int seed, Path checkpoint, int passes) {
        return measure(experimentFile, arm, seed, checkpoint, passes, null);
    }

    /**
     * Runs the passes in child JVMs with the arm at another width (a budget's candidate).
     *
     * @param experimentFile the run's resolved experiment.yaml
     * @param arm the arm's name
     * @param seed the seed
     * @param checkpoint the frozen backbone's checkpoint
     * @param passes how many passes (at least 1)
     * @param width the adapter width to measure instead of the file's, or null for the file's
     * @return as {@link #measure(Path, String, int, Path, int)}
     */
    public static Map<String, Object> measure(Path experimentFile, String arm, int seed, Path checkpoint, int passes,
            Double width) {
        List<Long> results = new ArrayList<>();
        boolean gpu = false;
        for (int i = 0; i < passes; i++) {
            String output = child(experimentFile, arm, seed, checkpoint, width);
            results.add(Long.parseLong(PassJvm.result(output, RESULT_PREFIX, "memory pass of " + arm)));
            gpu |= output.lines().anyMatch(GPU_LINE::equals);
        }
        double[] values = results.stream().mapToDouble(Long::doubleValue).toArray();
        double median = Statistics.median(values);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Metric.PEAK_MEMORY.key(), Math.round(median));
        out.put("memoryPassBytes", results);
        out.put("memoryPassSpread", median == 0 ? null
                : (Statistics.percentile(values, 100) - Statistics.percentile(values, 0)) / median);
        out.put("memoryMethod", gpu ? GPU_METHOD : METHOD);
        return out;
    }

    /** The output of one pass in a child JVM. */
    private static String child(Path experimentFile, String arm, int seed, Path checkpoint, Double width) {
        List<String> arguments = new ArrayList<>(List.of("memory-pass", experimentFile.toString(), "--arm", arm,
                "--seed", String.valueOf(seed), "--checkpoint", checkpoint.toString()));
        if (width != null) {
            arguments.addAll(List.of("--width", String.valueOf(width)));
        }
        List<String> command = PassJvm.command(List.of("-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch",
                // C1 only: C2's compiler arenas come and go during the pass and made passes of one arm
                // differ by up to 15%; with C1 four passes agree within 1% (docs/results-dit-claims.md at 172a101)
                "-XX:TieredStopAtLevel=1"), arguments);
        return PassJvm.run("memory pass of " + arm, command, Map.of("MALLOC_MMAP_THRESHOLD_", "65536"));
    }

    /**
     * The child's side: measures in this process and returns the line the parent reads.
     *
     * @param e the experiment
     * @param arm the arm
     * @param seed the seed
     * @param checkpoint the frozen backbone
     * @return {@code memory-pass peakAboveBaselineBytes=N}, and a second line {@code memory-pass device=gpu}
     *     when the figure is the GPU's
     */
    public static String measureHere(Experiment e, ArmSpec arm, int seed, Path checkpoint) {
        try (PassModel pass = PassModel.open(e, arm, seed, checkpoint)) {
            if (!MemoryProbe.resetPeak()) {
                throw new IllegalStateException("/proc/self/clear_refs is not writable: peak memory cannot be reset");
            }
            long baseline = MemoryProbe.residentBytes();
            GpuMemory gpu = GpuMemory.startIfGpu(pass.device()); // null on the CPU
            var t = e.training();
            pass.trainer().train(pass.model(), pass.data().train(), new TrainOptions(STEPS, t.batchSize(),
                    t.learningRate(), seed), step -> {
                        if (gpu != null) {
                            gpu.poll();
                        }
                    });
            if (gpu != null) {
                return RESULT_PREFIX + gpu.peakAboveBaseline() + "\n" + GPU_LINE;
            }
            return RESULT_PREFIX + Math.max(0, MemoryProbe.peakResidentBytes() - baseline);
        }
    }
}
