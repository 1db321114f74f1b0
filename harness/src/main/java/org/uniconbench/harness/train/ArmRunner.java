package org.uniconbench.harness.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.baselines.train.PausingListener;
import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.MemoryProbe;
import org.uniconbench.metrics.Statistics;
import org.uniconbench.reports.Metric;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains and measures one arm for one seed: parameters, step times (warm-up excluded), peak
 * resident memory, loss curve, then samples and fidelity scores. A failure (NaN loss, out of
 * memory, a crash) is recorded in the arm's row with its cause; it does not stop the experiment.
 * Training state is checkpointed in the arm's folder ({@link ArmCheckpoint}), so a killed arm
 * continues where it stopped.
 */
public final class ArmRunner {

    /** Bytes per float32 value. */
    private static final int FLOAT = 4;

    /** How peak memory is measured in this version (shown in the report). */
    static final String MEMORY_METHOD = "CPU: peak resident set (VmHWM, reset before training) minus "
            + "the resident set after building the model, in the arm's own JVM (heap growth and "
            + "allocator slack included), so a rough figure";

    /** Exit status of a process stopped by the test hook, as after {@code kill -9}. */
    public static final int HALTED = 137;

    private ArmRunner() {
    }

    /** One step as a JSON-lines record. */
    static Map<String, Object> stepLine(StepRecord s) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", s.step());
        line.put("loss", Double.isFinite(s.loss()) ? s.loss() : null);
        line.put("stepMs", s.totalMs());
        line.put("dataMs", s.dataMs());
        line.put("forwardMs", s.forwardMs());
        line.put("backwardMs", s.backwardMs());
        line.put("optimizerMs", s.optimizerMs());
        return line;
    }

    /** An arm's folder in the run folder, {@code arms/ARM/seed-SEED}: its log, checkpoints, samples and row. */
    public static String folder(String arm, long seed) {
        return "arms/" + arm + "/seed-" + seed;
    }

    /** The fields every row of an arm has, whatever became of it. */
    public static Map<String, Object> baseRow(ArmSpec arm, long seed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", arm.name());
        row.put("method", arm.method().yamlName());
        row.put("seed", seed);
        row.put("status", "running");
        row.put("error", null);
        row.put("width", arm.adapter().width());
        row.put("depth", arm.adapter().depth());
        row.put("connector", arm.adapter().connector().yamlName());
        row.put("scope", arm.adapter().scope().yamlName());
        row.put("flow", arm.adapter().flow().yamlName());
        row.put("adapterInit", arm.start().init().yamlName());
        return row;
    }

    /**
     * Runs the arm in its folder ({@link #folder}), continuing from its latest checkpoint when it
     * has one: the log is cut back to the checkpoint's step and the steps after it are trained again
     * from the same random stream, so the result equals that of an uninterrupted run.
     *
     * @param haltAfterStep for tests: stop the process abruptly after this step, as a kill would
     *     (0: never)
     * @return its summary row; {@code samples} holds its generated images when it completed
     */
    public static Map<String, Object> run(Experiment e, ArmSpec arm, long seed, Backbone backbone, ImageSet train,
            Path backboneCheckpoint, Trainer trainer, Evaluator evaluator, RunStore store, PrintWriter out,
            List<GrayImage> samplesOut, int haltAfterStep) {
        Map<String, Object> row = baseRow(arm, seed);
        row.put("adapterWidth", Blueprint.adapterWidth(e, arm));
        var t = e.training();
        String label = arm.name() + (e.seeds().size() > 1 ? " seed " + seed : "");
        Path armDir = store.dir().resolve(folder(arm.name(), seed));
        String logFile = folder(arm.name(), seed) + "/metrics.jsonl";
        try (ControlledModel model = new ControlledModel(backbone, arm.adapter(), seed)) {
            long trainable = model.parameters().count(true);
            long frozen = backbone.parameters().count(false);
            row.put("trainableParams", trainable);
            row.put("frozenParams", frozen);
            row.put("totalParams", trainable + frozen);
            row.put("adapterChannels", model.adapterChannels());
            row.put("steps", t.steps());
            row.put("batchSize", t.batchSize());
            ArmCheckpoint.State resumed = ArmCheckpoint.latest(armDir);
            // warm start (init: distill): the copied blocks learn the backbone's prediction first; its time is
            // training time, and under a time budget it is taken from the arm's training time
            Map<String, Object> distilled = DistillStage.run(e, arm, seed, model, backbone, train, trainer, store,
                    resumed != null, out, label);
            row.putAll(distilled);
            // the learning rate: training.learning_rate, or the choice of the search every arm gets
            Map<String, Object> searched = LrSearchStage.run(e, arm, seed, model, train, trainer, store,
                    resumed != null, out);
            row.putAll(searched);
            double learningRate = ((Number) searched.get("learningRate")).doubleValue();
            // resume: the checkpoint's adapter and Adam state, the log's lines up to its step
            Adam adam = new Adam(learningRate);
            List<StepRecord> steps = new ArrayList<>();
            int done = resumed == null ? 0 : resumed.step();
            double[] trainSeconds = {resumed == null ? 0 : resumed.trainSeconds()};
            if (resumed != null) {
                ArmCheckpoint.restore(armDir, resumed, model, adam);
                steps.addAll(keepLog(store, logFile, done));
                row.put("resumedFromStep", done);
                out.println("[" + label + "] resuming after step " + done + " (checkpoint in " + armDir + ")");
            } else {
                store.writeText(logFile, ""); // a start from scratch: no lines of an attempt cut off before its first checkpoint
            }
            double distillSeconds = ((Number) distilled.get("distillMs")).doubleValue() / 1000;
            java.time.Duration timeLimit = e.budget().timeLimit() == null ? null
                    : e.budget().timeLimit().minusNanos(Math.round(distillSeconds * 1e9));
            if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
                timeLimit = java.time.Duration.ofNanos(1); // the first step always runs
            }
            ControlCurve curve = ControlCurve.open(e, evaluator, store, folder(arm.name(), seed), seed, done, model);
            // memory: reset the process peak, note the resident set after building the model
            boolean peakReset = MemoryProbe.resetPeak();
            long baseline = MemoryProbe.residentBytes();
            GpuMemory gpu = GpuMemory.startIfGpu(backbone.parameters().device()); // null on the CPU
            Progress progress = new Progress(out, label, t.steps(), t.logEvery(), done, timeLimit);
            long[] mark = {System.nanoTime()};
            int stepsRun;
            try (RunStore.JsonLines log = store.lines(logFile)) {
                stepsRun = trainer.train(model, train, new TrainOptions(t.steps(), t.batchSize(), learningRate, seed)
                        .withTimeLimit(timeLimit), adam, done, PausingListener.of(reported -> {
                            StepRecord step = FaultInjection.apply(arm.name(), reported); // test-only hook
                            Map<String, Object> line = stepLine(step);
                            if (e.seeds().size() > 1) {
                                line.put("seed", seed);
                            }
                            log.append(line);
                            if (!Double.isFinite(step.loss())) {
                                throw new ArmFailure(step.step(), "loss became " + step.loss() + " at step "
                                        + step.step() + "; lower training.learning_rate");
                            }
                            steps.add(step);
                            if (gpu != null) {
                                gpu.poll();
                            }
                            progress.step(step.step(), step.loss());
                            if (curve != null && curve.due(step.step(), t.steps())) {
                                // before the checkpoint, so a checkpointed step always has its point; not training time
                                double soFar = trainSeconds[0] + (System.nanoTime() - mark[0]) / 1e9;
                                mark[0] += curve.record(model, step.step(), soFar);
                            }
                            if (step.step() % t.logEvery() == 0 || step.step() == t.steps()) {
                                // checkpoint time is not training time
                                long now = System.nanoTime();
                                trainSeconds[0] += (now - mark[0]) / 1e9;
                                ArmCheckpoint.save(armDir, new ArmCheckpoint.State(step.step(), adam.steps(),
                                        trainSeconds[0]), model, adam);
                                mark[0] = System.nanoTime();
                            }
                            if (step.step() == haltAfterStep) {
                                out.println("[" + label + "] halted after step " + step.step() + " (test hook)");
                                out.flush();
                                Runtime.getRuntime().halt(HALTED);
                            }
                        }, () -> curve == null ? 0 : curve.excludedNanos()));
            }
            trainSeconds[0] += (System.nanoTime() - mark[0]) / 1e9;
            if (curve != null) {
                curve.finish(model, stepsRun, trainSeconds[0]);
                row.put("curveSeconds", curve.seconds()); // excluded from trainSeconds
            }
            long peak = MemoryProbe.peakResidentBytes();
            row.put("controlTrainSeconds", trainSeconds[0]);
            row.put("trainSeconds", trainSeconds[0] + distillSeconds); // distillation included: never hidden
            row.put("steps", stepsRun); // fewer than training.steps when a time budget stopped it
            putTimings(row, steps, t.batchSize());
            Long inProcess = peakReset && peak > 0 ? Math.max(0, peak - baseline) : null;
            row.put(Metric.PEAK_MEMORY.key(), inProcess);
            row.put("memoryMethod", peakReset ? MEMORY_METHOD : "not measured: /proc/self/clear_refs not writable");
            if (gpu != null) {
                row.putAll(gpu.fields()); // on a GPU the device's memory is the figure, not the host's
                inProcess = gpu.peakAboveBaseline();
            }
            if (e.evaluation().memoryPasses() > 0 && peakReset) {
                // the figure that counts: fresh JVMs, one per pass (the in-process one is kept for comparison)
                row.put("inProcessPeakMemoryBytes", inProcess);
                row.putAll(MemoryPass.measure(store.dir().resolve("experiment.yaml"), arm.name(), (int) seed,
                        backboneCheckpoint, e.evaluation().memoryPasses()));
            }
            // exact parts of the memory: trainable weights, their gradients, Adam's two moments
            row.put("trainableWeightBytes", trainable * FLOAT);
            row.put("gradientBytes", trainable * FLOAT);
            row.put("optimizerStateBytes", 2 * trainable * FLOAT);
            row.put("frozenWeightBytes", frozen * FLOAT);
            row.put("finalLoss", steps.get(steps.size() - 1).loss());
            // fidelity: sample from the shared noise, score against the targets
            List<GrayImage> samples = evaluator.sample(model, seed);
            Evaluator.Scores scores = evaluator.score(samples);
            scores.putInto(row);
            row.putAll(evaluator.quality(samples).fields());
            row.put("status", "completed");
            samplesOut.addAll(samples);
        } catch (RuntimeException | OutOfMemoryError ex) {
            row.put("status", "failed");
            row.put("error", ex instanceof ArmFailure ? ex.getMessage() : ex.toString());
            if (ex instanceof ArmFailure failure) {
                row.put("failedAtStep", failure.step);
            }
            out.println("[" + label + "] FAILED: " + row.get("error"));
        }
        return row;
    }

    /**
     * Cuts the log back to the lines of steps up to {@code step} (a killed run may have logged
     * steps after its last checkpoint) and returns them as step records, for the timings.
     */
    private static List<StepRecord> keepLog(RunStore store, String logFile, int step) {
        List<StepRecord> kept = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            Path file = store.dir().resolve(logFile);
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = RunStore.JSON.readTree(line);
                if (n.get("step").asInt() > step) {
                    break;
                }
                kept.add(new StepRecord(n.get("step").asInt(), n.get("loss").asDouble(), n.get("dataMs").asDouble(),
                        n.get("forwardMs").asDouble(), n.get("backwardMs").asDouble(),
                        n.get("optimizerMs").asDouble()));
                text.append(line).append('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + logFile, ex);
        }
        if (kept.size() != step) {
            throw new IllegalStateException(logFile + " holds " + kept.size() + " steps up to the checkpoint's step "
                    + step + "; the arm's folder is damaged: delete it to run the arm from the start");
        }
        store.writeText(logFile, text.toString());
        return kept;
    }

    private static void putTimings(Map<String, Object> row, List<StepRecord> steps, int batchSize) {
        // warm-up excluded: the first tenth of the steps, at most 10
        int skip = Math.min(10, steps.size() / 10);
        List<StepRecord> measured = steps.subList(skip, steps.size());
        double[] total = measured.stream().mapToDouble(StepRecord::totalMs).toArray();
        double median = Statistics.median(total);
        row.put("medianStepMs", median);
        row.put("p10StepMs", Statistics.percentile(total, 10));
        row.put("p90StepMs", Statistics.percentile(total, 90));
        row.put("medianForwardMs", Statistics.median(measured.stream().mapToDouble(StepRecord::forwardMs).toArray()));
        row.put("medianBackwardMs", Statistics.median(measured.stream().mapToDouble(StepRecord::backwardMs).toArray()));
        row.put("medianOptimizerMs",
                Statistics.median(measured.stream().mapToDouble(StepRecord::optimizerMs).toArray()));
        row.put("medianDataMs", Statistics.median(measured.stream().mapToDouble(StepRecord::dataMs).toArray()));
        row.put("imagesPerSecond", batchSize * 1000.0 / median);
        row.put("warmupStepsExcluded", skip);
    }

    /** A training failure with a cause the user can act on. */
    static final class ArmFailure extends RuntimeException {
        final int step; // the training step it failed at; 0: before training (distillation, learning-rate search)

        ArmFailure(int step, String message) {
            super(message);
            this.step = step;
        }
    }
}
