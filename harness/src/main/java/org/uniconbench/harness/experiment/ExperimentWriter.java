package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.data.ConditionKind;
import org.uniconbench.baselines.data.DatasetKind;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes a resolved {@link Experiment} back out: every key present with its default filled in, in
 * schema order.
 *
 * <p>Keys that do not apply to the chosen kind (such as {@code factor} for canny conditions, or
 * {@code dataset.path} for shapes, or the width of an arm whose width the budget chooses, which
 * appears under {@code budget.widths} once chosen) are left out, so the output loads again with
 * {@link ExperimentLoader#parse} to an equal record.
 */
public final class ExperimentWriter {

    private ExperimentWriter() {
    }

    /**
     * The experiment as a tree of {@link LinkedHashMap}s, {@link List}s, strings, integers, doubles
     * and nulls, keyed as in the file; callers may add entries before printing it.
     */
    public static LinkedHashMap<String, Object> toMap(Experiment e) {
        LinkedHashMap<String, Object> top = new LinkedHashMap<>();
        top.put("name", e.name());
        top.put("description", e.description());
        top.put("seeds", new ArrayList<>(e.seeds()));
        top.put("device", e.device().yamlName());
        top.put("output", e.output());
        top.put("dataset", dataset(e.dataset()));
        top.put("condition", condition(e.condition()));
        top.put("backbone", backbone(e.backbone()));
        LinkedHashMap<String, Object> diffusion = new LinkedHashMap<>();
        diffusion.put("timesteps", e.diffusion().timesteps());
        diffusion.put("beta_start", e.diffusion().betaStart());
        diffusion.put("beta_end", e.diffusion().betaEnd());
        top.put("diffusion", diffusion);
        List<Object> arms = new ArrayList<>();
        for (ArmSpec arm : e.arms()) {
            LinkedHashMap<String, Object> written = arm(arm, e.backbone().kind() == BackboneKind.DIT);
            if (e.budget().choosesWidth(arm)) {
                // the budget's to choose: a width here would not load; a chosen one is under budget.widths
                ((Map<?, ?>) written.get("adapter")).remove("width");
            }
            arms.add(written);
        }
        top.put("arms", arms);
        LinkedHashMap<String, Object> training = new LinkedHashMap<>();
        training.put("steps", e.training().steps());
        training.put("batch_size", e.training().batchSize());
        training.put("learning_rate", e.training().learningRate());
        training.put("log_every", e.training().logEvery());
        if (e.training().lrSearch() != null) {
            LinkedHashMap<String, Object> search = new LinkedHashMap<>();
            search.put("rates", new ArrayList<>(e.training().lrSearch().rates()));
            search.put("steps", e.training().lrSearch().steps());
            if (e.training().lrSearch().tuningSeed() != null) {
                search.put("tuning_seed", e.training().lrSearch().tuningSeed());
            }
            if (!e.training().lrSearch().scoresTrainingLoss()) { // written only when set: older files read the same
                search.put("held_out_from", e.training().lrSearch().heldOutFrom());
                search.put("held_out_target", LrSearchSpec.yamlName(e.training().lrSearch().heldOutTarget()));
            }
            training.put("lr_search", search);
        }
        top.put("training", training);
        top.put("budget", budget(e.budget()));
        LinkedHashMap<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("samples", e.evaluation().samples());
        evaluation.put("sampler_steps", e.evaluation().samplerSteps());
        evaluation.put("memory_passes", e.evaluation().memoryPasses());
        evaluation.put("timing_passes", e.evaluation().timingPasses());
        evaluation.put("interval", e.evaluation().interval().yamlName());
        evaluation.put("quality_gate_multiple", e.evaluation().qualityGateMultiple());
        CurveSpec curve = e.evaluation().curve();
        if (curve.enabled()) {
            LinkedHashMap<String, Object> written = new LinkedHashMap<>();
            written.put("every", curve.every());
            written.put("samples", curve.samples());
            written.put("sampler_steps", curve.samplerSteps());
            evaluation.put("curve", written);
        }
        top.put("evaluation", evaluation);
        if (!e.estimate().equals(EstimateSpec.DEFAULT)) { // written only when given, so older files round-trip unchanged
            LinkedHashMap<String, Object> estimate = new LinkedHashMap<>();
            estimate.put("only", e.estimate().only());
            estimate.put("precision", e.estimate().precision().key());
            top.put("estimate", estimate);
        }
        top.put("executor", executor(e.executor()));
        return top;
    }

    /** The experiment as YAML that {@link ExperimentLoader#parse} reads back to an equal record. */
    public static String toYaml(Experiment e) {
        return toYaml(toMap(e), "Resolved experiment '" + e.name() + "': every key present, defaults filled in.");
    }

    /**
     * Any tree from {@link #toMap} (possibly with entries added) as block YAML: lists of scalars on
     * one line, a blank line between top-level blocks, and {@code headerComment} (may be null) on top.
     */
    public static String toYaml(Map<String, Object> tree, String headerComment) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        StringWriter out = new StringWriter();
        new Yaml(new LoaderOptions(), options).serialize(node(tree), out);
        StringBuilder yaml = new StringBuilder();
        if (headerComment != null) {
            yaml.append("# ").append(headerComment).append('\n');
        }
        String[] lines = out.toString().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean topLevelBlock = !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("-")
                    && line.endsWith(":");
            if (i > 0 && topLevelBlock) {
                yaml.append('\n');
            }
            yaml.append(line);
            if (i < lines.length - 1) {
                yaml.append('\n');
            }
        }
        return yaml.toString();
    }

    private static LinkedHashMap<String, Object> dataset(DatasetSpec d) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind().yamlName());
        m.put("resolution", d.resolution());
        m.put("train_size", d.trainSize());
        m.put("eval_size", d.evalSize());
        if (d.kind() == DatasetKind.FASHION_MNIST) {
            m.put("path", d.path());
        }
        return m;
    }

    private static LinkedHashMap<String, Object> condition(ConditionSpec c) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind().yamlName());
        if (c.kind() == ConditionKind.CANNY) {
            m.put("canny_low", c.cannyLow());
            m.put("canny_high", c.cannyHigh());
            m.put("blur_radius", c.blurRadius());
        } else if (c.kind() == ConditionKind.DOWNSAMPLE) {
            m.put("factor", c.factor());
        }
        return m;
    }

    private static LinkedHashMap<String, Object> backbone(BackboneSpec b) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("kind", b.kind().yamlName());
        if (b.kind() == BackboneKind.DIT) {
            m.put("patch", b.dit().patch());
            m.put("hidden", b.dit().hidden());
            m.put("depth", b.dit().depth());
            m.put("heads", b.dit().heads());
            m.put("mlp_ratio", b.dit().mlpRatio());
            m.put("long_skips", b.dit().longSkips());
            m.put("conv_mlp", b.dit().convMlp());
        } else {
            m.put("channels", new ArrayList<>(b.channels()));
            m.put("res_blocks", b.resBlocks());
            m.put("groups", b.groups());
        }
        m.put("checkpoint", b.checkpoint());
        LinkedHashMap<String, Object> pretrain = new LinkedHashMap<>();
        pretrain.put("steps", b.pretrain().steps());
        pretrain.put("batch_size", b.pretrain().batchSize());
        pretrain.put("learning_rate", b.pretrain().learningRate());
        pretrain.put("lr_schedule", b.pretrain().lrSchedule().yamlName());
        pretrain.put("ema_decay", b.pretrain().emaDecay());
        pretrain.put("gate_every", b.pretrain().gateEvery());
        pretrain.put("min_snr_gamma", b.pretrain().minSnrGamma());
        pretrain.put("cooldown_steps", b.pretrain().cooldownSteps());
        m.put("pretrain", pretrain);
        return m;
    }

    /** Only the keys that were given, so a local experiment's file stays short. */
    private static LinkedHashMap<String, Object> executor(ExecutorSpec x) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("kind", x.kind().yamlName());
        putIfSet(m, "partition", x.partition());
        putIfSet(m, "account", x.account());
        putIfSet(m, "qos", x.qos());
        putIfSet(m, "time_limit", x.timeLimit());
        putIfSet(m, "cpus_per_task", x.cpusPerTask());
        putIfSet(m, "mem", x.mem());
        putIfSet(m, "gres", x.gres());
        if (!x.extraArgs().isEmpty()) {
            m.put("extra_args", new ArrayList<>(x.extraArgs()));
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static LinkedHashMap<String, Object> budget(BudgetSpec b) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("mode", b.mode().yamlName());
        if (b.mode() == BudgetMode.TIME) {
            m.put("seconds", b.seconds());
        }
        if (b.mode() == BudgetMode.MEMORY && b.capFrom() == null) {
            m.put("memory_mb", b.memoryMb());
        }
        if (b.capFrom() != null) {
            m.put("cap_from", b.capFrom());
            if (b.capBytes() > 0) {
                m.put("cap_bytes", b.capBytes()); // measured by the run: pinned so a re-run measures nothing
            }
        }
        if (!b.widths().isEmpty()) {
            m.put("widths", new LinkedHashMap<>(b.widths()));
        }
        return m;
    }

    private static LinkedHashMap<String, Object> arm(ArmSpec a, boolean dit) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("method", a.method().yamlName());
        LinkedHashMap<String, Object> adapter = new LinkedHashMap<>();
        adapter.put("width", a.adapter().width());
        if (!dit) {
            adapter.put("depth", a.adapter().depth());
        }
        adapter.put("connector", a.adapter().connector().yamlName());
        adapter.put("scope", a.adapter().scope().yamlName());
        adapter.put("flow", a.adapter().flow().yamlName());
        adapter.put("init", a.start().init().yamlName());
        if (a.start().init() == AdapterInit.DISTILL) {
            adapter.put("distill_steps", a.start().distillSteps());
            if (a.start().distillLearningRate() != null) {
                adapter.put("distill_learning_rate", a.start().distillLearningRate());
            }
        }
        m.put("adapter", adapter);
        return m;
    }

    /** Builds the YAML node for a value; the serializer quotes text that would read back as another type. */
    private static Node node(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                tuples.add(new NodeTuple(node(String.valueOf(entry.getKey())), node(entry.getValue())));
            }
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>();
            boolean allScalars = true;
            for (Object item : list) {
                Node itemNode = node(item);
                allScalars &= itemNode instanceof ScalarNode;
                items.add(itemNode);
            }
            return new SequenceNode(Tag.SEQ, items,
                    allScalars ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        }
        if (value == null) {
            return scalar(Tag.NULL, "null");
        }
        if (value instanceof Integer || value instanceof Long) {
            return scalar(Tag.INT, value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            return scalar(Tag.FLOAT, Double.toString(((Number) value).doubleValue()));
        }
        if (value instanceof Boolean) {
            return scalar(Tag.BOOL, value.toString());
        }
        return scalar(Tag.STR, value.toString());
    }

    private static ScalarNode scalar(Tag tag, String text) {
        return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
