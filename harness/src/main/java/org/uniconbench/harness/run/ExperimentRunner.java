package org.uniconbench.harness.run;

import ai.djl.Device;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.tracking.MlflowSync;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.reports.HtmlReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a whole experiment into a new run folder: data, backbone stage, every arm for every seed,
 * the uncontrolled backbone as a reference row, summary and report.
 */
public final class ExperimentRunner {

    /** Sample column names that are not arms. */
    static final List<String> FIXED_COLUMNS = List.of("condition", "target", "backbone");

    private ExperimentRunner() {
    }

    /**
     * What a run left behind.
     *
     * @param dir the run folder
     * @param failedArms how many arm runs failed
     */
    public record Result(Path dir, int failedArms) {
    }

    /**
     * Runs the experiment.
     *
     * @param e the validated experiment
     * @param command the command line, recorded in the provenance
     * @param out progress and results
     * @return the run folder and the failure count
     * @throws BadInputException for problems the user can fix (missing data, no GPU)
     */
    public static Result run(Experiment e, String command, PrintWriter out) {
        return run(e, command, out, null);
    }

    /**
     * Runs the experiment and mirrors the run folder to MLflow after every arm and at the end.
     *
     * @param e the validated experiment
     * @param command the command line, recorded in the provenance
     * @param out progress and results
     * @param trackingUri MLflow tracking server, or null; when it is unreachable the run goes on
     *     and says so, and {@code unicon sync} uploads later
     * @return the run folder and the failure count
     */
    public static Result run(Experiment e, String command, PrintWriter out, String trackingUri) {
        long start = System.nanoTime();
        // everything that can be bad input is checked before a run folder exists
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        BudgetResolver budget = BudgetResolver.start(e, out); // params budget: widths chosen here, cheaply
        e = budget.experiment();
        RunStore store = RunStore.create(Path.of(e.output()), e.name());
        out.println("run folder: " + store.dir());
        store.writeText("experiment.yaml", ExperimentWriter.toYaml(e));
        Map<String, String> provenance = Provenance.collect(device, command);
        store.writeJson("provenance.json", provenance);

        NoiseSchedule schedule = Blueprint.schedule(e);
        Trainer trainer = new Trainer(schedule);
        Evaluator evaluator = new Evaluator(data.eval(), e.evaluation().samples(),
                new DdimSampler(schedule, e.evaluation().samplerSteps()), Blueprint.edges(e),
                e.condition().kind(), device);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("experiment", e.name());
        header.put("description", e.description());
        header.put("status", "running");
        header.put("budget", budget.summary());
        int failed = 0;
        try (Backbone backbone = BackboneStage.frozen(e, device, data.train(), trainer, store, out);
                FeatureStage.Extractors features = FeatureStage.prepare(e, device, data, store, out)) {
            // memory budget: measure candidate widths against the checkpoint, then pin the chosen ones
            e = budget.fitMemory(store.dir().resolve("experiment.yaml"), BackboneStage.checkpoint(e).toAbsolutePath(), out);
            store.writeText("experiment.yaml", ExperimentWriter.toYaml(e));
            long firstSeed = e.seeds().get(0);
            writeFixedSamples(store, evaluator);
            // the floor of the quality proxies: two disjoint real sets of the same N
            evaluator.useFeatures(features.classifier(), features.random());
            Map<String, Object> realVsReal = new LinkedHashMap<>(
                    evaluator.quality(data.reference().images().subList(0, evaluator.count())).fields());
            realVsReal.put("sets", "evaluation targets vs the first featureN images of a held-out real split");
            header.put("realVsReal", realVsReal);
            features.record().put("realVsReal", realVsReal);
            store.writeJson("features.json", features.record());
            // reference row: the backbone without control, from the same noise
            List<GrayImage> plain = evaluator.sample(backbone, firstSeed);
            rows.add(backboneRow(backbone, firstSeed, evaluator.score(plain), evaluator.quality(plain)));
            writeSamples(store, "backbone", plain);
            List<String> columns = new ArrayList<>(FIXED_COLUMNS);
            for (int seed : e.seeds()) {
                for (ArmSpec arm : e.arms()) {
                    List<GrayImage> samples = new ArrayList<>();
                    Map<String, Object> row = ArmRunner.run(e, arm, seed, backbone, data.train(),
                            BackboneStage.checkpoint(e).toAbsolutePath(), trainer, evaluator, store, out, samples);
                    row.putAll(budget.rowFields(arm.name()));
                    rows.add(row);
                    if ("failed".equals(row.get("status"))) {
                        failed++;
                    } else if (seed == firstSeed) {
                        writeSamples(store, arm.name(), samples);
                        columns.add(arm.name());
                    }
                    store.writeSummary(header, rows); // after every arm: nothing measured is lost
                    MlflowSync.syncOrWarn(store.dir(), trackingUri, out);
                }
            }
            store.writeJson("samples/index.json", Map.of("count", evaluator.count(), "columns", columns));
        } finally {
            int armRuns = e.arms().size() * e.seeds().size();
            header.put("status", failed == 0 ? "completed" : failed == armRuns ? "failed" : "partial");
            // over seeds: intervals per arm, UniCon/ControlNet ratios paired by seed, the paper's claims
            List<Map<String, Object>> comparisons = SeedComparisons.comparisons(rows);
            header.put("aggregates", SeedComparisons.aggregates(rows));
            header.put("comparisons", comparisons);
            header.put("claims", SeedComparisons.claims(comparisons));
            store.writeSummary(header, rows);
            provenance.put("finishedAt", Instant.now().toString());
            provenance.put("wallSeconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            store.writeJson("provenance.json", provenance);
        }
        Path report = HtmlReport.write(store.dir());
        printTable(out, rows);
        if (header.get("realVsReal") instanceof Map<?, ?> floor) {
            out.printf(Locale.ROOT, "FD-cls is a feature-space proxy (not FID) on N = %s images per set, noisy at this N; "
                    + "real vs real (two disjoint real sets, same N): FD-cls %s, FD-random %s%n", floor.get("featureN"),
                    fmt(floor.get("fdClassifier"), "%.3g"), fmt(floor.get("fdRandom"), "%.3g"));
        }
        MlflowSync.syncOrWarn(store.dir(), trackingUri, out); // final status, report and claims
        printClaims(out, header.get("claims"));
        out.println("report: " + report);
        return new Result(store.dir(), failed);
    }

    private static void writeFixedSamples(RunStore store, Evaluator evaluator) {
        writeSamples(store, "condition", evaluator.conditions());
        writeSamples(store, "target", evaluator.targets());
    }

    private static void writeSamples(RunStore store, String column, List<GrayImage> images) {
        for (int i = 0; i < images.size(); i++) {
            store.writeSample(column, i, images.get(i));
        }
    }

    private static Map<String, Object> backboneRow(Backbone backbone, long seed, Evaluator.Scores scores,
            Evaluator.Quality quality) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "backbone");
        row.put("method", "none");
        row.put("seed", seed);
        row.put("status", "completed");
        row.put("error", null);
        row.put("frozenParams", backbone.parameters().count(false));
        row.put("totalParams", backbone.parameters().count(false));
        scores.putInto(row);
        row.putAll(quality.fields());
        return row;
    }

    private static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        out.printf(Locale.ROOT, "%-16s %-10s %5s %12s %10s %10s %8s %8s %8s %10s%n", "arm", "method", "seed",
                "trainable", "step ms", "peak MiB", "SSIM", "PSNR", "edge F1", "FD-cls");
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "%-16s %-10s %5s %12s %10s %10s %8s %8s %8s %10s%n", r.get("name"), r.get("method"),
                    r.get("seed"), fmt(r.get("trainableParams"), "%,d"), fmt(r.get("medianStepMs"), "%.1f"),
                    r.get("peakMemoryBytes") == null ? "-" : String.format(Locale.ROOT, "%.0f",
                            ((Number) r.get("peakMemoryBytes")).doubleValue() / (1 << 20)),
                    fmt(r.get("ssim"), "%.3f"), fmt(r.get("psnr"), "%.2f"),
                    "failed".equals(r.get("status")) ? "FAILED" : fmt(r.get("edgeF1"), "%.3f"),
                    fmt(r.get("fdClassifier"), "%.3g"));
        }
    }

    /** One line per paper claim: our paired ratio, its interval and n, and the verdict. */
    private static void printClaims(PrintWriter out, Object claims) {
        if (!(claims instanceof List<?> list)) {
            return;
        }
        out.println("paper claims (UniCon / ControlNet, 95% interval over seeds):");
        for (Object o : list) {
            Map<?, ?> c = (Map<?, ?>) o;
            String measured = c.get("estimate") == null ? "not measured"
                    : String.format(Locale.ROOT, "%.3f [%.3f, %.3f] n=%s (%s)", c.get("estimate"), c.get("low"),
                            c.get("high"), c.get("n"), c.get("arm"));
            out.printf(Locale.ROOT, "  %-13s %s; paper %s; ours %s%n", c.get("verdict"), c.get("claim"),
                    c.get("paper"), measured);
        }
    }

    private static String fmt(Object value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
