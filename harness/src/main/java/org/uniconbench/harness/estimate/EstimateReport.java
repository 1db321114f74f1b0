package org.uniconbench.harness.estimate;

import org.uniconbench.baselines.cost.ArmCost;
import org.uniconbench.baselines.cost.CostModel;
import org.uniconbench.baselines.cost.Part;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@link ArmEstimates}: a per-arm table, the ratios of every arm to the reference arm beside
 * the paper's figures, and the assumptions; or the same as a JSON-ready tree.
 */
public final class EstimateReport {

    /** The paper's figures (UniCon, ICLR 2025, DiT "full" vs ControlNet; one GPU, BF16, features precomputed). */
    static final double PAPER_MEMORY = 0.67;
    static final double PAPER_TIME = 0.43;
    static final double PAPER_PARAMS = 2.0;
    static final String PAPER = "paper: 0.67x memory and 0.43x step time (2.3x faster) at the same adapter size; "
            + "2x the parameters at the same resources (DiT, one GPU, BF16, features precomputed)";

    private static final double MIB = 1024.0 * 1024.0;

    private EstimateReport() {
    }

    /** The tree for {@code --json} and the run summary's {@code estimate}. */
    public static Map<String, Object> toMap(ArmEstimates estimates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", estimates.precision().key());
        m.put("batch", estimates.batch());
        m.put("resolution", estimates.resolution());
        m.put("estimateOnly", estimates.experiment().estimate().only());
        m.put("reference", estimates.reference().spec().name());
        Map<String, Object> arms = new LinkedHashMap<>();
        for (ArmEstimates.Arm arm : estimates.arms()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("method", arm.spec().method().yamlName());
            a.put("scope", arm.spec().adapter().scope().yamlName());
            a.put("flow", arm.spec().adapter().flow().yamlName());
            a.put("width", arm.spec().adapter().width());
            a.putAll(arm.cost().toMap());
            a.put("vsReference", ratios(arm.cost(), estimates.reference().cost()));
            arms.put(arm.spec().name(), a);
        }
        m.put("arms", arms);
        Map<String, Object> paper = new LinkedHashMap<>();
        paper.put("memory", PAPER_MEMORY);
        paper.put("stepTime", PAPER_TIME);
        paper.put("paramsAtEqualResources", PAPER_PARAMS);
        m.put("paper", paper);
        m.put("assumptions", CostModel.ASSUMPTIONS);
        return m;
    }

    /** Ratios of {@code arm} to {@code reference}: memory (training and total), FLOPs, parameters. */
    public static Map<String, Object> ratios(ArmCost arm, ArmCost reference) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("trainingMemory", ratio(arm.trainingBytes(), reference.trainingBytes()));
        r.put("totalMemory", ratio(arm.totalBytes(), reference.totalBytes()));
        r.put("stepFlops", ratio(arm.stepFlops(), reference.stepFlops()));
        r.put("stepFlopsFeaturesCached", ratio(arm.stepFlopsFeaturesCached(), reference.stepFlopsFeaturesCached()));
        r.put("trainableParams", ratio(arm.trainableParams(), reference.trainableParams()));
        return r;
    }

    private static Double ratio(double a, double b) {
        return b == 0 ? null : Math.round(1000.0 * a / b) / 1000.0;
    }

    /** The table, the ratios beside the paper's and the assumptions. */
    public static void print(ArmEstimates estimates, String source, PrintWriter out) {
        out.printf(Locale.ROOT, "predicted cost of one training step: %s, batch %d, resolution %d, %s%s%n", source,
                estimates.batch(), estimates.resolution(), estimates.precision().key(),
                estimates.experiment().estimate().only() ? " (estimate-only file: not trained here)" : "");
        out.printf(Locale.ROOT, "%-20s %-11s %13s %13s %9s %9s %9s %9s %9s %10s %10s%n", "arm", "method", "trainable",
                "frozen", "weights", "grads", "Adam", "activ.", "saved", "fwd GFLOP", "bwd GFLOP");
        for (ArmEstimates.Arm arm : estimates.arms()) {
            ArmCost c = arm.cost();
            out.printf(Locale.ROOT, "%-20s %-11s %,13d %,13d %9s %9s %9s %9s %9s %10.2f %10.2f%n", arm.spec().name(),
                    arm.spec().method().yamlName(), c.trainableParams(), c.frozenParams(), mib(c.weightBytes()),
                    mib(c.gradientBytes()), mib(c.optimizerBytes()), mib(c.activationBytes()),
                    mib(c.savedActivationBytes()), c.forwardFlopsTotal() / 1e9, c.backwardFlopsTotal() / 1e9);
        }
        List<String> searched = estimates.arms().stream()
                .filter(a -> estimates.experiment().budget().searches(a.spec()))
                .map(a -> a.spec().name()).toList();
        if (!searched.isEmpty()) {
            out.println("budget.mode memory chooses the widths of " + String.join(", ", searched) + " at run time; "
                    + "these figures are for the widths the file gives (default 1.0)");
        }
        out.println("bytes in MiB; activ. = kept at the end of forward in this harness's step (autograd + step-held); "
                + "saved = autograd's alone (PyTorch eager)");
        out.println("FLOPs by part (forward / backward, GFLOP): backbone, adapter, connectors");
        for (ArmEstimates.Arm arm : estimates.arms()) {
            ArmCost c = arm.cost();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-18s", arm.spec().name()));
            for (Part p : Part.values()) {
                line.append(String.format(Locale.ROOT, "  %s %.2f / %.2f", p.key(), c.forwardFlops().get(p) / 1e9,
                        c.backwardFlops().get(p) / 1e9));
            }
            out.println(line);
        }
        ArmEstimates.Arm reference = estimates.reference();
        out.println("ratios to " + reference.spec().name() + " (predicted; " + PAPER + "):");
        for (ArmEstimates.Arm arm : estimates.arms()) {
            if (arm == reference) {
                continue;
            }
            Map<String, Object> r = ratios(arm.cost(), reference.cost());
            out.printf(Locale.ROOT, "  %-18s memory %sx total (%sx above weights), step FLOPs %sx (%sx features "
                    + "cached), trainable params %sx   [paper: memory %.2fx, time %.2fx, params %.0fx]%n",
                    arm.spec().name(), r.get("totalMemory"), r.get("trainingMemory"), r.get("stepFlops"),
                    r.get("stepFlopsFeaturesCached"), r.get("trainableParams"), PAPER_MEMORY, PAPER_TIME, PAPER_PARAMS);
        }
        out.println("assumptions:");
        CostModel.ASSUMPTIONS.forEach(a -> out.println("  - " + a));
    }

    private static String mib(long bytes) {
        double m = bytes / MIB;
        return m >= 100 ? String.format(Locale.ROOT, "%,.0f", m) : String.format(Locale.ROOT, "%.2f", m);
    }
}
