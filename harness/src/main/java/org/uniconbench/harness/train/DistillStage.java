package org.uniconbench.harness.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.AdapterInit;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.Statistics;
import org.uniconbench.harness.store.RunStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm start of an arm with {@code adapter.init: distill}: before control training, the
 * adapter's copied blocks are trained for {@code adapter.distill_steps} steps to reproduce the
 * frozen backbone's noise prediction ({@link Trainer#distill}; hint encoder and connectors stay at
 * zero). Its steps, time and losses are the arm's cost: written to {@code distill.jsonl} and
 * {@code distill.json} in the arm's folder and into its row, and its time is part of the row's
 * {@code trainSeconds}. A resumed arm (one with a checkpoint, taken after distillation) reads them
 * back instead of distilling again.
 */
final class DistillStage {

    /** Per-step log of the distillation in the arm's folder. */
    static final String LOG = "distill.jsonl";

    /** The distillation's totals in the arm's folder, written when it ends. */
    static final String RESULT = "distill.json";

    /**
     * Offset of the distillation's random stream from the arm's seed: its batches are its own, and
     * control training draws the same batches as with {@code init: slice}.
     */
    static final long SEED_OFFSET = 1_000_003L;

    private DistillStage() {
    }

    /** The row fields of an arm that does not distil. */
    static Map<String, Object> none() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("adapterInit", AdapterInit.SLICE.yamlName());
        fields.put("distillSteps", 0);
        fields.put("distillMs", 0.0);
        return fields;
    }

    /**
     * Distils the arm's adapter (or, when {@code resumed}, reads what its distillation did).
     *
     * @return the row fields: {@code adapterInit}, {@code distillSteps}, {@code distillMs},
     *     {@code distillLearningRate}, {@code distillFinalLoss}, {@code distillMedianStepMs}
     */
    static Map<String, Object> run(Experiment e, ArmSpec arm, long seed, ControlledModel model, Backbone backbone,
            ImageSet train, Trainer trainer, RunStore store, boolean resumed, PrintWriter out, String label) {
        return run(e, arm, seed, ArmRunner.folder(arm.name(), seed), model, backbone, train, trainer, store, resumed,
                out, label);
    }

    /** As {@link #run(Experiment, ArmSpec, long, ControlledModel, Backbone, ImageSet, Trainer, RunStore,
     * boolean, PrintWriter, String)}, its files in {@code folder} of the run folder. */
    static Map<String, Object> run(Experiment e, ArmSpec arm, long seed, String folder, ControlledModel model,
            Backbone backbone, ImageSet train, Trainer trainer, RunStore store, boolean resumed, PrintWriter out,
            String label) {
        if (arm.start().init() != AdapterInit.DISTILL) {
            return none();
        }
        Path result = store.dir().resolve(folder).resolve(RESULT);
        if (resumed) {
            return read(result);
        }
        int steps = arm.start().distillSteps();
        double rate = arm.start().distillLearningRate() != null ? arm.start().distillLearningRate()
                : e.training().learningRate();
        TrainOptions options = new TrainOptions(steps, e.training().batchSize(), rate, seed + SEED_OFFSET);
        // "[distill] step 3/50 ...": an arm process prefixes its arm's label
        Progress progress = new Progress(out, "distill", steps, e.training().logEvery());
        List<StepRecord> records = new ArrayList<>();
        store.writeText(folder + "/" + LOG, ""); // an attempt killed before its first checkpoint starts over
        long start = System.nanoTime();
        try (RunStore.JsonLines log = store.lines(folder + "/" + LOG)) {
            trainer.distill(model, backbone, model.copiedParameters(), train, options, step -> {
                log.append(ArmRunner.stepLine(step));
                if (!Double.isFinite(step.loss())) {
                    throw new ArmRunner.ArmFailure(0, "distillation loss became " + step.loss() + " at step "
                            + step.step() + "; lower arms' adapter.distill_learning_rate");
                }
                records.add(step);
                progress.step(step.step(), step.loss());
            });
        }
        double ms = (System.nanoTime() - start) / 1e6;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("adapterInit", AdapterInit.DISTILL.yamlName());
        fields.put("distillSteps", steps);
        fields.put("distillMs", ms);
        fields.put("distillLearningRate", rate);
        fields.put("distillFinalLoss", records.get(records.size() - 1).loss());
        fields.put("distillMedianStepMs",
                Statistics.median(records.stream().mapToDouble(StepRecord::totalMs).toArray()));
        store.writeJson(folder + "/" + RESULT, fields);
        out.printf(java.util.Locale.ROOT, "[%s] distilled %d steps in %.1f s, loss %.4f%n", label, steps, ms / 1000,
                records.get(records.size() - 1).loss());
        return fields;
    }

    private static Map<String, Object> read(Path result) {
        JsonNode n = RunStore.readStageRecord(result);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("adapterInit", n.get("adapterInit").asText());
        fields.put("distillSteps", n.get("distillSteps").asInt());
        fields.put("distillMs", n.get("distillMs").asDouble());
        fields.put("distillLearningRate", n.get("distillLearningRate").asDouble());
        fields.put("distillFinalLoss", n.get("distillFinalLoss").asDouble());
        fields.put("distillMedianStepMs", n.get("distillMedianStepMs").asDouble());
        return fields;
    }
}
