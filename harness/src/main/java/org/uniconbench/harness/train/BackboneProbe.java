package org.uniconbench.harness.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.baselines.train.Ema;
import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A short look at an experiment's backbone before committing to its pre-training: a few steps of
 * the very pre-training {@link BackboneStage} would run (same data, seed, batch, learning rate and
 * EMA), timed, and one batch of DDIM sampling, timed; then the whole pre-training and the gate's
 * sampling extrapolated from them. Nothing is cached or written: the probe's weights are thrown away.
 *
 * <p>The extrapolation is a median step times the step count: it holds on a machine as loaded as the
 * one probed, and says nothing about how far the loss will fall. The training thread's CPU time per
 * step is printed beside it: with {@code OMP_NUM_THREADS=1} libtorch computes in that thread, so the
 * CPU figure compares configurations fairly on a shared machine, where wall times do not.
 */
public final class BackboneProbe {

    /** Evaluation batch of {@link Evaluator#sample}. */
    private static final int SAMPLE_BATCH = 16;

    private BackboneProbe() {
    }

    /**
     * Runs the probe and prints what it saw.
     *
     * @param e the experiment whose backbone is probed
     * @param steps pre-training steps to run, at least 10 (the first tenth is warm-up, left out of the median)
     * @param out where the findings go
     */
    public static void run(Experiment e, int steps, PrintWriter out) {
        if (steps < 10) {
            throw new BadInputException("--steps " + steps + " is too few to time; allowed: at least 10");
        }
        var p = e.backbone().pretrain();
        long seed = e.seeds().get(0);
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        Trainer trainer = new Trainer(Blueprint.schedule(e));
        List<StepRecord> records = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuAt = {threads.getCurrentThreadCpuTime()};
        long start = System.nanoTime();
        double sampleSeconds;
        long parameters;
        try (Backbone backbone = Blueprint.backbone(e, device, seed, true);
                Ema ema = p.ema() ? new Ema(p.emaDecay(), backbone.parameters().all()) : null) {
            parameters = backbone.parameters().count(false);
            out.printf(Locale.ROOT,
                    "probe: %s backbone, %,d parameters, %d of %d pre-training steps (batch %d, lr %s %s, "
                            + "EMA %s)%n",
                    e.backbone().kind().yamlName(), parameters, steps, p.steps(), p.batchSize(),
                    p.learningRate(), p.lrSchedule().yamlName(), p.ema() ? "decay " + p.emaDecay() : "off");
            Progress progress = new Progress(out, "probe", steps, Math.max(1, steps / 10));
            // the first steps of the whole pre-training's schedule, as the real run takes them
            trainer.train(backbone, data.train(),
                    new TrainOptions(steps, p.batchSize(), p.learningRate(), seed).withMinSnr(p.minSnrGamma()),
                    new Adam(p.rates()), 0, step -> {
                        if (ema != null) {
                            ema.update(backbone.parameters().all()); // its cost is part of the step, as in the real run
                        }
                        records.add(step);
                        long now = threads.getCurrentThreadCpuTime(); // from the last step's end: the step and its EMA
                        cpuMs.add((now - cpuAt[0]) / 1e6);
                        progress.step(step.step(), step.loss());
                        cpuAt[0] = threads.getCurrentThreadCpuTime();
                    });
            sampleSeconds = sampleBatch(e, backbone, device);
        }
        double median = median(records.subList(steps / 10, records.size()).stream().map(StepRecord::totalMs).toList());
        double cpu = median(cpuMs.subList(steps / 10, cpuMs.size()));
        double totalSampling = sampleSeconds * Math.ceil(e.evaluation().samples() / (double) SAMPLE_BATCH);
        out.printf(Locale.ROOT, "probe: median step %.1f ms wall, %.1f ms CPU of the training thread (steps %d..%d; "
                + "with OMP_NUM_THREADS=1 the CPU figure is all of the step's work and barely moves with the machine's "
                + "load); loss %.4f (first 10) -> %.4f (last 10)%n",
                median, cpu, steps / 10 + 1, steps, meanLoss(records.subList(0, 10)),
                meanLoss(records.subList(records.size() - 10, records.size())));
        out.printf(Locale.ROOT, "probe: estimated pre-training %s for %d steps; one sampling of %d images with %d DDIM "
                + "steps %s (a run samples the backbone once and every arm once per seed)%n",
                duration(median * p.steps() / 1000), p.steps(), e.evaluation().samples(),
                e.evaluation().samplerSteps(), duration(totalSampling));
        out.printf(Locale.ROOT, "probe: took %s; these times are this machine's at its present load%n",
                duration((System.nanoTime() - start) / 1e9));
    }

    /** Seconds for one evaluation batch of DDIM sampling from the probe's weights. */
    private static double sampleBatch(Experiment e, Backbone backbone, Device device) {
        int r = e.dataset().resolution();
        int n = Math.min(SAMPLE_BATCH, e.evaluation().samples());
        DdimSampler sampler = new DdimSampler(Blueprint.schedule(e), e.evaluation().samplerSteps());
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray noise = manager.randomNormal(new Shape(n, 1, r, r));
            NDArray conditions = manager.zeros(new Shape(n, 1, r, r));
            Autograd.withoutGradient(() -> sampler.sample(backbone, noise, conditions).toFloatArray());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] ms = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    private static double meanLoss(List<StepRecord> records) {
        return records.stream().mapToDouble(StepRecord::loss).average().orElse(Double.NaN);
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : seconds < 7200 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
                        : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
