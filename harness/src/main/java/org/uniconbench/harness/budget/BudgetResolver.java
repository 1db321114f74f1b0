package org.uniconbench.harness.budget;

import ai.djl.Device;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.BudgetMode;
import org.uniconbench.harness.experiment.BudgetSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.reports.Metric;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.Blueprint;
import org.uniconbench.harness.train.MemoryPass;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Turns an experiment's {@code budget:} into what each arm trains with, before any arm trains, and
 * records how it got there.
 *
 * <ul>
 *   <li>{@code steps}: nothing to choose; every arm trains {@code training.steps}.</li>
 *   <li>{@code time}: nothing to choose; each arm stops after {@code budget.seconds} of training
 *   wall time (the trainer's limit), {@code training.steps} at most.</li>
 *   <li>{@code params} ({@link #start}, cheap, before the run folder exists): each UniCon arm takes
 *   the candidate width whose trainable parameters are nearest the first ControlNet arm's, counted
 *   by building the models on the CPU; beyond 5% it is bad input.</li>
 *   <li>{@code memory} ({@link #fitMemory}, after the backbone checkpoint exists): each arm takes the
 *   widest candidate width whose measured peak training memory (fresh-JVM memory passes) is at most
 *   {@code budget.memory_mb}, found by bisection. With {@code budget.cap_from} the named arm keeps its
 *   own width and is measured first, the same way; its peak is the cap for the others (the paper's
 *   "same resources" read as that arm's own peak) and is pinned in the experiment.</li>
 * </ul>
 * Widths chosen are pinned in the experiment ({@link Experiment#withChosenWidths}), which the runner
 * writes to the run folder, so re-running that file reproduces them without a search. Each arm's
 * row gets {@link #rowFields}, the summary {@link #summary}.
 */
public final class BudgetResolver {

    private Experiment experiment;
    private final Map<String, Map<String, Object>> armFields = new LinkedHashMap<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    private BudgetResolver(Experiment experiment) {
        this.experiment = experiment;
        BudgetSpec b = experiment.budget();
        summary.put("mode", b.mode().yamlName());
        for (ArmSpec arm : experiment.arms()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("budgetMode", b.mode().yamlName());
            armFields.put(arm.name(), fields);
        }
        if (b.mode() == BudgetMode.TIME) {
            summary.put("seconds", b.seconds());
            summary.put("stepLimit", experiment.training().steps());
            armFields.values().forEach(f -> {
                f.put("budgetSeconds", b.seconds());
                f.put("stepLimit", experiment.training().steps());
            });
        }
    }

    /**
     * Resolves what can be resolved before the run folder exists: the time limit and, for
     * {@code params}, the UniCon widths (models built on the CPU to count parameters).
     *
     * @param e the validated experiment
     * @param out progress
     * @return the resolver; {@link #experiment()} has the widths chosen so far
     * @throws BadInputException when no width brings a UniCon arm within 5% of the ControlNet arm
     */
    public static BudgetResolver start(Experiment e, PrintWriter out) {
        if (e.budget().mode() != BudgetMode.PARAMS) {
            return new BudgetResolver(e);
        }
        try (Backbone backbone = Blueprint.backbone(e, Device.cpu(), 0, false)) {
            return start(e, arm -> trainableParameters(backbone, arm), out);
        }
    }

    /**
     * As {@link #start(Experiment, PrintWriter)} with the parameter count given.
     *
     * @param e the validated experiment
     * @param trainableParameters trainable parameters of an arm as specified
     * @param out progress
     * @return the resolver
     */
    static BudgetResolver start(Experiment e, ToLongFunction<ArmSpec> trainableParameters, PrintWriter out) {
        BudgetResolver resolver = new BudgetResolver(e);
        if (e.budget().mode() == BudgetMode.PARAMS) {
            resolver.matchParameters(trainableParameters, out);
        }
        return resolver;
    }

    /** Trainable parameters of an arm's adapter on {@code backbone} (untrained: counts only). */
    static long trainableParameters(Backbone backbone, ArmSpec arm) {
        try (ControlledModel model = new ControlledModel(backbone, arm.adapter(), 0)) {
            return model.parameters().count(true);
        }
    }

    private void matchParameters(ToLongFunction<ArmSpec> count, PrintWriter out) {
        ArmSpec target = experiment.arms().stream().filter(a -> a.method() == Method.CONTROLNET).findFirst()
                .orElseThrow(() -> new IllegalStateException("the loader requires a controlnet arm in params mode"));
        long targetParameters = count.applyAsLong(target);
        summary.put("targetArm", target.name());
        summary.put("targetParams", targetParameters);
        summary.put("tolerance", BudgetSpec.PARAMS_TOLERANCE);
        Map<String, Object> arms = new LinkedHashMap<>();
        Map<String, Double> chosen = new LinkedHashMap<>();
        List<Double> candidates = WidthSearch.candidates(experiment);
        for (ArmSpec arm : experiment.arms()) {
            Map<String, Object> record = new LinkedHashMap<>();
            long parameters;
            if (experiment.budget().searches(arm)) {
                WidthSearch.Match match = WidthSearch.nearest(candidates, w -> count.applyAsLong(arm.withWidth(w)),
                        targetParameters);
                if (!match.within(BudgetSpec.PARAMS_TOLERANCE)) {
                    throw new BadInputException(noMatch(arm, target, targetParameters, match));
                }
                chosen.put(arm.name(), match.width());
                parameters = match.parameters();
                record.put("chosenWidth", match.width());
                List<Map<String, Object>> tried = new ArrayList<>();
                for (WidthSearch.Tried t : match.tried()) {
                    Map<String, Object> candidate = new LinkedHashMap<>();
                    candidate.put("width", t.width());
                    candidate.put("trainableParams", t.value());
                    tried.add(candidate);
                }
                record.put("candidates", tried);
            } else {
                parameters = count.applyAsLong(arm);
                record.put(experiment.budget().choosesWidth(arm) ? "pinnedWidth" : "width", arm.adapter().width());
            }
            double ratio = (double) parameters / targetParameters;
            record.put("trainableParams", parameters);
            record.put("paramRatio", ratio);
            arms.put(arm.name(), record);
            armFields.get(arm.name()).put("paramTarget", target.name());
            armFields.get(arm.name()).put("paramRatio", ratio);
            if (!arm.equals(target)) {
                out.printf(Locale.ROOT, "[budget] params: %s width %s: %,d trainable parameters, %.3fx %s's %,d%s%n",
                        arm.name(), chosen.getOrDefault(arm.name(), arm.adapter().width()), parameters, ratio,
                        target.name(), targetParameters, chosen.containsKey(arm.name()) ? " (chosen)" : "");
            }
        }
        summary.put("arms", arms);
        experiment = experiment.withChosenWidths(chosen);
    }

    private static String noMatch(ArmSpec arm, ArmSpec target, long targetParameters, WidthSearch.Match match) {
        return String.format(Locale.ROOT, "budget.mode = params: no width of unicon arm '%s' (depth %d) has trainable "
                + "parameters within 5%% of controlnet arm '%s' (%,d); the nearest, width %s, has %,d (%.3fx), and "
                + "widths move in whole GroupNorm groups (U-Net: 1 / backbone.groups) or whole heads (DiT). Allowed: "
                + "more backbone.groups (finer steps), another width or depth for '%s', or budget.mode: steps with widths of your own",
                arm.name(), arm.adapter().depth(), target.name(), targetParameters, match.width(), match.parameters(),
                match.ratio(), target.name());
    }

    /**
     * For {@code memory}: measures candidate widths in fresh JVMs (the memory passes) and gives each
     * arm still to be searched the widest that fits {@code budget.memory_mb}, or the peak of the
     * {@code budget.cap_from} arm, measured first at its own width. A no-op for other modes.
     *
     * @param experimentFile the run folder's experiment.yaml (its arms are measured at each candidate width)
     * @param checkpoint the frozen backbone's checkpoint
     * @param out progress
     * @return the experiment with every width chosen (and a measured cap pinned)
     * @throws BadInputException when even the narrowest width of an arm does not fit
     */
    public Experiment fitMemory(Path experimentFile, Path checkpoint, PrintWriter out) {
        int seed = experiment.seeds().get(0);
        int passes = Math.max(1, experiment.evaluation().memoryPasses());
        if (experiment.budget().mode() == BudgetMode.MEMORY) {
            summary.put("passesPerWidth", passes);
        }
        return fitMemory(arm -> ((Number) MemoryPass.measure(experimentFile, arm.name(), seed, checkpoint, passes,
                arm.adapter().width()).get(Metric.PEAK_MEMORY.key())).longValue(), out);
    }

    /**
     * As {@link #fitMemory(Path, Path, PrintWriter)} with the measurement given.
     *
     * @param peakBytes measured peak training memory of an arm at the width it carries
     * @param out progress
     * @return the experiment with every width chosen
     */
    Experiment fitMemory(ToLongFunction<ArmSpec> peakBytes, PrintWriter out) {
        BudgetSpec b = experiment.budget();
        if (b.mode() != BudgetMode.MEMORY) {
            return experiment;
        }
        // arms of the same shape (method, depth, connector) at the same width are measured once
        Map<Object, Long> measured = new HashMap<>();
        Long capArmPeak = null; // measured in this call
        if (b.measuresCap()) {
            ArmSpec source = experiment.arm(b.capFrom());
            capArmPeak = peakBytes.applyAsLong(source);
            measured.put(source.adapter(), capArmPeak);
            out.printf(Locale.ROOT, "[budget] memory: cap from %s at its own width %s: peak %.1f MiB%n", source.name(),
                    source.adapter().width(), capArmPeak / (double) (1 << 20));
            out.flush();
            experiment = experiment.withMeasuredCap(Math.max(1, capArmPeak));
            b = experiment.budget();
        }
        long cap = b.memoryCapBytes();
        String capText = String.format(Locale.ROOT, "%.1f MiB", cap / (double) (1 << 20));
        if (b.capFrom() == null) {
            summary.put("memoryMb", b.memoryMb());
        } else {
            summary.put("capFrom", b.capFrom());
        }
        summary.put("capBytes", cap);
        summary.put("memoryCapBytes", cap);
        List<Double> candidates = WidthSearch.candidates(experiment);
        Map<String, Object> arms = new LinkedHashMap<>();
        Map<String, Double> chosen = new LinkedHashMap<>();
        for (ArmSpec arm : experiment.arms()) {
            Map<String, Object> record = new LinkedHashMap<>();
            Map<String, Object> fields = armFields.get(arm.name());
            fields.put("memoryCapBytes", cap);
            if (arm.name().equals(b.capFrom())) {
                record.put("capFrom", true); // keeps its declared width; its peak is the cap
                record.put("width", arm.adapter().width());
                record.put("peakBytes", capArmPeak != null ? capArmPeak : cap);
                arms.put(arm.name(), record);
                fields.put("budgetSearch", record);
                continue;
            }
            if (!b.searches(arm)) {
                record.put("pinnedWidth", arm.adapter().width());
                arms.put(arm.name(), record);
                fields.put("budgetSearch", record);
                continue;
            }
            WidthSearch.Fit fit = WidthSearch.widestUnder(candidates, w -> {
                ArmSpec candidate = arm.withWidth(w);
                return measured.computeIfAbsent(candidate.adapter(), key -> {
                    long peak = peakBytes.applyAsLong(candidate);
                    out.printf(Locale.ROOT, "[budget] memory: %s width %s: peak %.1f MiB (cap %s) %s%n", arm.name(),
                            w, peak / (double) (1 << 20), capText, peak <= cap ? "fits" : "too much");
                    out.flush();
                    return peak;
                });
            }, cap);
            List<Map<String, Object>> probes = new ArrayList<>();
            for (WidthSearch.Tried t : fit.probes()) {
                Map<String, Object> probe = new LinkedHashMap<>();
                probe.put("width", t.width());
                probe.put("adapterChannels", WidthSearch.channels(experiment, t.width()));
                probe.put("peakBytes", t.value());
                probe.put("fits", t.value() <= cap);
                probes.add(probe);
            }
            if (fit.width() == null) {
                WidthSearch.Tried narrowest = fit.probes().get(fit.probes().size() - 1);
                String source = b.capFrom() == null ? "budget.memory_mb = " + b.memoryMb()
                        : "budget.cap_from = '" + b.capFrom() + "' (its measured peak, " + capText + ")";
                throw new BadInputException(String.format(Locale.ROOT, "%s: even the narrowest "
                        + "adapter of arm '%s' (width %s) peaked at %.1f MiB in training; allowed: budget.memory_mb of "
                        + "at least %d%s, or budget.mode: steps", source, arm.name(), narrowest.width(),
                        narrowest.value() / (double) (1 << 20), (narrowest.value() >> 20) + 1,
                        b.capFrom() == null ? "" : " instead of cap_from, a wider cap_from arm"));
            }
            chosen.put(arm.name(), fit.width());
            record.put("chosenWidth", fit.width());
            record.put("chosenPeakBytes", fit.peakBytes());
            record.put("probes", probes);
            arms.put(arm.name(), record);
            fields.put("budgetSearch", record);
            out.printf(Locale.ROOT, "[budget] memory: %s takes width %s (peak %.1f MiB of %s)%n", arm.name(),
                    fit.width(), fit.peakBytes() / (double) (1 << 20), capText);
        }
        summary.put("arms", arms);
        experiment = experiment.withChosenWidths(chosen);
        return experiment;
    }

    /** The experiment with every width chosen so far (pinned in its budget). */
    public Experiment experiment() {
        return experiment;
    }

    /** What the budget adds to an arm's row: its mode and, per mode, the limit, ratio or search. */
    public Map<String, Object> rowFields(String armName) {
        return armFields.getOrDefault(armName, Map.of());
    }

    /** The budget as resolved, for the summary: mode, limits, and each arm's choice. */
    public Map<String, Object> summary() {
        return summary;
    }
}
