package org.uniconbench.harness.train;

import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.Statistics;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Times one arm's training step in a fresh JVM: builds the frozen backbone from the run's checkpoint
 * and the arm's adapter at the seed, trains {@value #WARMUP} warm-up steps and then {@value #TIMED}
 * timed ones at the experiment's batch size and learning rate, and reports the median of the timed
 * steps (total, forward, backward). Unlike a {@link MemoryPass} it runs with the JVM's default flags
 * (C2 JIT, the default heap, the parent's {@code -Xmx} and DJL settings, as an arm's own process does)
 * and the default allocator, so its steps are the training's steps. {@link TimingPasses} decides when
 * and in which order the passes run.
 */
public final class TimingPass {

    /** Steps before the timed ones: JIT compilation, the allocator's first requests, Adam's state. */
    static final int WARMUP = 5;

    /** Steps whose times count. */
    static final int TIMED = 30;

    private static final String RESULT_PREFIX = "timing-pass ";

    /**
     * What one pass measured: medians over its timed steps, in milliseconds.
     *
     * @param stepMs the whole step (data, forward, backward, optimiser)
     * @param forwardMs the forward pass and loss
     * @param backwardMs the backward pass
     */
    public record Result(double stepMs, double forwardMs, double backwardMs) {
    }

    private TimingPass() {
    }

    /**
     * Runs one pass in a child JVM (a Slurm job under {@link PassJvm#launchWith}).
     *
     * @param experimentFile the run's resolved experiment.yaml
     * @param arm the arm's name
     * @param seed the seed
     * @param checkpoint the frozen backbone's checkpoint
     * @return what it measured
     */
    public static Result measure(Path experimentFile, String arm, int seed, Path checkpoint) {
        List<String> flags = new ArrayList<>();
        // the parent's own settings that shape a run, as ArmProcess passes them to an arm's process
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dai.djl.") || a.startsWith("-Dorg.uniconbench.") || a.startsWith("-Xmx"))
                .forEach(flags::add);
        List<String> command = PassJvm.command(flags, List.of("timing-pass", experimentFile.toString(), "--arm", arm,
                "--seed", String.valueOf(seed), "--checkpoint", checkpoint.toString()));
        String what = "timing pass of " + arm + " seed " + seed;
        return parse(PassJvm.result(PassJvm.run(what, command, Map.of()), RESULT_PREFIX, what));
    }

    /** The child's {@code stepMs=... forwardMs=... backwardMs=...} as a result. */
    static Result parse(String fields) {
        double step = Double.NaN;
        double forward = Double.NaN;
        double backward = Double.NaN;
        for (String field : fields.trim().split("\\s+")) {
            String[] kv = field.split("=", 2);
            double v = Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "stepMs" -> step = v;
                case "forwardMs" -> forward = v;
                case "backwardMs" -> backward = v;
                default -> {
                } // a field of a later version
            }
        }
        return new Result(step, forward, backward);
    }

    /**
     * The child's side: times the arm in this process and returns the line the parent reads.
     *
     * @param e the experiment
     * @param arm the arm
     * @param seed the seed
     * @param checkpoint the frozen backbone
     * @return {@code timing-pass stepMs=S forwardMs=F backwardMs=B}
     */
    public static String measureHere(Experiment e, ArmSpec arm, int seed, Path checkpoint) {
        try (PassModel pass = PassModel.open(e, arm, seed, checkpoint)) {
            List<StepRecord> steps = new ArrayList<>();
            var t = e.training();
            pass.trainer().train(pass.model(), pass.data().train(), new TrainOptions(WARMUP + TIMED, t.batchSize(),
                    t.learningRate(), seed), steps::add);
            List<StepRecord> timed = steps.subList(WARMUP, steps.size());
            return String.format(Locale.ROOT, RESULT_PREFIX + "stepMs=%s forwardMs=%s backwardMs=%s",
                    median(timed, StepRecord::totalMs), median(timed, StepRecord::forwardMs),
                    median(timed, StepRecord::backwardMs));
        }
    }

    private static double median(List<StepRecord> steps, ToDoubleFunction<StepRecord> part) {
        return Statistics.median(steps.stream().mapToDouble(part).toArray());
    }
}
