package org.uniconbench.harness.cli;

import ai.djl.Device;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Scope;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.estimate.ArmEstimates;
import org.uniconbench.harness.estimate.EstimateReport;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.train.BackboneStage;
import org.uniconbench.harness.train.Blueprint;
import org.uniconbench.harness.budget.BudgetResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unicon validate EXPERIMENT.yaml}: checks a file and prints the resolved experiment with
 * every default filled in, plus what each arm resolves to (adapter channels, parameter counts).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check an experiment file and print it resolved (defaults filled in), with each "
        + "arm's adapter channels and trainable parameter counts.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "experiment definition file")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // a params budget chooses UniCon widths now (cheap), so the file shows them; memory waits for the run
        Experiment e = BudgetResolver.start(ExperimentLoader.load(file), new PrintWriter(Writer.nullWriter()))
                .experiment();
        Map<String, Object> tree = ExperimentWriter.toMap(e);
        // an estimate-only file may be too large to build here: the cost model counts its parameters
        Map<String, Object> resolved = e.estimate().only() ? new LinkedHashMap<>() : facts(e);
        if (!e.estimate().only()) {
            resolved.put("backbone_source", BackboneStage.plan(e));
        }
        resolved.put("predicted_cost", predicted(ArmEstimates.of(e, null, null, null)));
        tree.put("resolved", resolved);
        String yaml = ExperimentWriter.toYaml(tree,
                "resolved experiment from " + file + " (valid; 'resolved' is computed, not an input key)");
        spec.commandLine().getOut().print(yaml.endsWith("\n") ? yaml : yaml + "\n");
        return Main.OK;
    }

    /** Per arm, the cost model's figures at the file's batch, resolution and precision (see unicon estimate). */
    static Map<String, Object> predicted(ArmEstimates estimates) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", "batch " + estimates.batch() + ", resolution " + estimates.resolution() + ", "
                + estimates.precision().key() + "; ratios to " + estimates.reference().spec().name()
                + "; ./unicon estimate for the whole table and its assumptions");
        for (ArmEstimates.Arm arm : estimates.arms()) {
            var c = arm.cost();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("trainable_parameters", c.trainableParams());
            a.put("frozen_parameters", c.frozenParams());
            a.put("training_mib", Math.round(c.trainingBytes() / 1048576.0 * 100) / 100.0);
            a.put("step_gflop", Math.round(c.stepFlops() / 1e7) / 100.0);
            a.put("vs_reference", EstimateReport.ratios(c, estimates.reference().cost()));
            out.put(arm.spec().name(), a);
        }
        return out;
    }

    /** Parameter counts, computed by building the models on the CPU (untrained weights). */
    static Map<String, Object> facts(Experiment e) {
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Backbone backbone = Blueprint.backbone(e, Device.cpu(), 0, false)) {
            long frozen = backbone.parameters().count(false);
            facts.put("backbone_parameters", frozen);
            Map<String, Object> arms = new LinkedHashMap<>();
            for (ArmSpec arm : e.arms()) {
                try (ControlledModel model = new ControlledModel(backbone, arm.adapter(), 0)) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("scope", arm.adapter().scope().yamlName());
                    a.put("flow", arm.adapter().flow().yamlName());
                    if (e.budget().searches(arm)) {
                        a.put("width", "chosen at run time: the widest whose measured peak training memory fits "
                                + (e.budget().capFrom() == null ? "budget.memory_mb"
                                        : "the measured peak of arm '" + e.budget().capFrom() + "'")
                                + "; the figures below are for width " + arm.adapter().width());
                    } else if (e.budget().choosesWidth(arm)) {
                        a.put("width",
                                arm.adapter().width() + " (chosen by the " + e.budget().mode().yamlName() + " budget)");
                    }
                    double adapterWidth = Blueprint.adapterWidth(e, arm);
                    a.put("adapter_width", adapterWidth); // the copy's actual width (whole groups or heads)
                    a.put("adapter_channels", model.adapterChannels());
                    if (!backbone.isChain()) {
                        a.put("adapter_res_blocks", arm.adapter().depth());
                    }
                    a.put("connectors", model.connectorKeys().size());
                    // zero-initialised connectors make ControlNet the backbone at step 0; UniCon's
                    // copy is the backbone only at full width, as a full-depth copy or (DiT) a copy of the
                    // second half fed with the backbone's feature there
                    boolean wholeChain = arm.adapter().scope() == Scope.FULL
                            && (backbone.isChain() || arm.adapter().depth() == e.backbone().resBlocks());
                    boolean secondHalf = backbone.isChain()
                            && (arm.adapter().scope() == Scope.DECODER || arm.adapter().scope() == Scope.DISCARD);
                    a.put("equals_backbone_at_step_0", arm.adapter().flow() == Flow.BIDIRECTIONAL
                            || (adapterWidth == 1.0 && (wholeChain || secondHalf)));
                    a.put("init", arm.start().init().yamlName()
                            + (arm.start().distillSteps() > 0 ? " (" + arm.start().distillSteps() + " steps)" : ""));
                    a.put("trainable_parameters", model.parameters().count(true));
                    a.put("trainable_vs_backbone",
                            Math.round(1000.0 * model.parameters().count(true) / frozen) / 1000.0);
                    arms.put(arm.name(), a);
                }
            }
            facts.put("arms", arms);
        }
        List<Long> counts = ((Map<?, ?>) facts.get("arms")).values().stream()
                .map(v -> (Long) ((Map<?, ?>) v).get("trainable_parameters")).toList();
        long min = counts.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        facts.put("trainable_parameter_spread", min == 0 ? null : Math.round(1000.0 * max / min) / 1000.0);
        return facts;
    }
}
