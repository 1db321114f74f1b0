package org.uniconbench.harness.run;

import ai.djl.Device;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.estimate.ArmEstimates;
import org.uniconbench.harness.estimate.EstimateReport;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.tracking.RunMirror;
import org.uniconbench.harness.tracking.TrackingTarget;
import org.uniconbench.harness.executor.ArmLauncher;
import org.uniconbench.harness.executor.ArmTask;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.reports.HtmlReport;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.arms.ArmChild;
import org.uniconbench.harness.arms.ArmProcess;
import org.uniconbench.harness.budget.BudgetResolver;
import org.uniconbench.harness.store.Provenance;
import org.uniconbench.harness.store.RunProcess;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.train.ArmRunner;
import org.uniconbench.harness.train.BackboneGate;
import org.uniconbench.harness.train.BackboneStage;
import org.uniconbench.harness.train.Blueprint;
import org.uniconbench.harness.train.ControlCurve;
import org.uniconbench.harness.train.Evaluator;
import org.uniconbench.harness.train.FeatureStage;
import org.uniconbench.harness.train.TimingPasses;
import org.uniconbench.harness.train.TuningSearchStage;
import org.uniconbench.harness.verdict.SeedStatistics;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs a whole experiment into a new run folder: data, backbone stage, feature stage, the
 * uncontrolled backbone as a reference row, every arm for every seed (each in a process of its own,
 * {@link ArmProcess}, at most {@code parallel} at once), the interleaved timing passes when asked for
 * ({@link TimingPasses}), summary and report. A stopped run is finished by {@link #resume}.
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
     * @param detached true when the arms were handed to an executor and are still running
     */
    public record Result(Path dir, int failedArms, boolean detached) {

        /** A run that finished here. */
        public Result(Path dir, int failedArms) {
            this(dir, failedArms, false);
        }
    }

    /**
     * Runs the experiment, one arm at a time.
     *
     * @param e the validated experiment
     * @param command the command line, recorded in the provenance
     * @param out progress and results
     * @return the run folder and the failure count
     * @throws BadInputException for problems the user can fix (missing data, no GPU)
     */
    public static Result run(Experiment e, String command, PrintWriter out) {
        return run(e, command, out, null, 1);
    }

    /**
     * Runs the experiment and mirrors the run folder to MLflow after every arm and at the end.
     *
     * @param e the validated experiment
     * @param command the command line, recorded in the provenance
     * @param out progress and results
     * @param tracking MLflow tracking server, or null; when it is unreachable the run goes on
     *     and says so, and {@code unicon sync} uploads later
     * @param parallel how many arm processes may run at once (1 for clean timings)
     * @return the run folder and the failure count
     */
    public static Result run(Experiment e, String command, PrintWriter out, TrackingTarget tracking, int parallel) {
        return run(e, command, out, tracking, parallel, null);
    }

    /**
     * Runs the experiment with its arm processes started by {@code launcher} (Slurm jobs, say).
     *
     * @param launcher where arm processes run; null for this machine's child processes
     * @return the run folder and the failure count; {@code detached} when the launcher left them running
     * @see #run(Experiment, String, PrintWriter, TrackingTarget, int)
     */
    public static Result run(Experiment e, String command, PrintWriter out, TrackingTarget tracking, int parallel,
            ArmLauncher launcher) {
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
        provenance.put("parallel", String.valueOf(parallel));
        store.writeJson("provenance.json", provenance);
        RunProcess.record(store); // so that `unicon runs` can tell a killed run from a running one
        return execute(e, budget, store, device, data, provenance, out, tracking, parallel, start, false, launcher);
    }

    /**
     * Finishes a run that was stopped (killed, the machine went down): from the folder's own
     * resolved {@code experiment.yaml}, arms with a row (completed or failed) are kept, the others
     * run again, each continuing from its latest checkpoint; then summary and report as usual.
     *
     * @param runDir the run folder
     * @param command the command line, recorded in the provenance
     * @param out progress and results
     * @param tracking MLflow tracking server, or null
     * @param parallel how many arm processes may run at once
     * @return the run folder and the failure count
     * @throws BadInputException when {@code runDir} is not a run folder
     */
    public static Result resume(Path runDir, String command, PrintWriter out, TrackingTarget tracking, int parallel) {
        return resume(runDir, command, out, tracking, parallel, null);
    }

    /**
     * Finishes a stopped or detached run with its arm processes started by (or awaited from) {@code launcher}.
     *
     * @param launcher where arm processes run; null for this machine's child processes
     * @return the run folder and the failure count
     * @see #resume(Path, String, PrintWriter, TrackingTarget, int)
     */
    public static Result resume(Path runDir, String command, PrintWriter out, TrackingTarget tracking, int parallel,
            ArmLauncher launcher) {
        long start = System.nanoTime();
        RunStore store = RunStore.open(runDir);
        Experiment e = ArmChild.experiment(runDir);
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        out.println("resuming run folder: " + store.dir());
        Map<String, String> provenance = Provenance.read(store.dir());
        Map<String, String> now = Provenance.collect(device, command);
        for (String difference : Provenance.differences(provenance, now)) {
            out.println("warning: this process differs from the one that started the run: " + difference);
        }
        provenance.merge("resumedAt", now.get("startedAt"), (a, b) -> a + ", " + b);
        provenance.put("resumeCommand", command);
        store.writeJson("provenance.json", provenance);
        RunProcess.record(store);
        BudgetResolver budget = BudgetResolver.start(e, out); // widths pinned in the folder's file are kept
        e = budget.experiment();
        return execute(e, budget, store, device, data, provenance, out, tracking, parallel, start, true, launcher);
    }

    private static Result execute(Experiment e, BudgetResolver budget, RunStore store, Device device,
            Datasets.Splits data,
            Map<String, String> provenance, PrintWriter out, TrackingTarget tracking, int parallel, long start,
            boolean resumed, ArmLauncher launcher) {
        boolean detached = launcher != null && launcher.detached();
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, found " + parallel);
        }
        RunMirror mirror = new RunMirror(tracking, store.dir(), out);
        // a resumed run keeps its own record of where the backbone and the classifier came from
        String backboneRecord = resumed ? readIfExists(store.dir().resolve("backbone.json")) : null;
        String featuresRecord = resumed ? readIfExists(store.dir().resolve("features.json")) : null;
        NoiseSchedule schedule = Blueprint.schedule(e);
        Trainer trainer = new Trainer(schedule);
        Evaluator evaluator = evaluator(e, data, schedule, device, e.seeds().get(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("experiment", e.name());
        header.put("description", e.description());
        header.put("status", "running");
        header.put("budget", budget.summary());
        try {
            try (FeatureStage.Extractors features = FeatureStage.prepare(e, device, data, store, out);
                    Backbone backbone = BackboneStage.frozen(e, device, data.train(), trainer, store, out,
                            BackboneGate.of(e, evaluator, features, data.reference()))) {
                // memory budget: measure candidate widths against the checkpoint, then pin the chosen ones
                // in the run folder's experiment.yaml, which the arm processes (and a resume) read
                e = budget.fitMemory(store.dir().resolve("experiment.yaml"),
                        BackboneStage.checkpoint(e).toAbsolutePath(), out);
                store.writeText("experiment.yaml", ExperimentWriter.toYaml(e));
                // training.lr_search.tuning_seed: one search per arm, before any arm trains at its choice
                TuningSearchStage.run(e, backbone, data.train(), trainer, store, out);
                // the cost model's prediction per arm, beside which the report shows the measured figures
                header.put("estimate", EstimateReport.toMap(ArmEstimates.of(e, null, null, null)));
                if (backboneRecord != null) {
                    store.writeText("backbone.json", backboneRecord);
                }
                long firstSeed = e.seeds().get(0);
                writeFixedSamples(store, evaluator);
                // the floor of the quality proxies: two disjoint real sets of the same N
                evaluator.useFeatures(features.classifier(), features.random());
                Map<String, Object> realVsReal = new LinkedHashMap<>(
                        BackboneGate.realVsReal(evaluator, data.reference()).fields());
                realVsReal.put("sets", "evaluation targets vs the first featureN images of a held-out real split");
                // the quality gate's floor draws: the targets against the split's next blocks of N (SeedStatistics)
                List<Double> floors = BackboneGate.floorDraws(evaluator, data.reference());
                if (floors.size() > 1) { // below the gate's N there is one
                    realVsReal.put(SeedStatistics.GATE_DRAWS, floors);
                }
                header.put("realVsReal", realVsReal);
                features.record().put("realVsReal", realVsReal);
                if (featuresRecord != null) {
                    store.writeText("features.json", featuresRecord);
                } else {
                    store.writeJson("features.json", features.record());
                }
                // reference row: the backbone without control, from the same noise
                List<GrayImage> plain = evaluator.sample(backbone, firstSeed);
                Evaluator.Quality plainQuality = evaluator.quality(plain);
                rows.add(backboneRow(backbone, firstSeed, evaluator.score(plain), plainQuality));
                writeSamples(store, "backbone", plain);
                // the quality gate's other starting noises (SeedStatistics averages them)
                header.put("backbone", Map.of(SeedStatistics.GATE_DRAWS,
                        BackboneGate.draws(evaluator, backbone, firstSeed, plainQuality.fdClassifier())));
                // and on every other seed's conditions, so that whether an arm learned control is judged
                // seed by seed on the same conditions (PaperClaims); the gate reads the first seed's row
                for (long seed : e.seeds().subList(1, e.seeds().size())) {
                    Evaluator own = evaluator(e, data, schedule, device, seed);
                    own.useFeatures(features.classifier(), features.random());
                    List<GrayImage> images = own.sample(backbone, seed);
                    rows.add(backboneRow(backbone, seed, own.score(images), own.quality(images)));
                }
            }
            // every arm and seed in a process of its own; the parent's models are closed by now
            runArms(e, store, rows, header, out, mirror, parallel, launcher);
            TimingPasses.run(e, store.dir(), rows, detached, out); // evaluation.timing_passes: arms timed side by side
            List<String> columns = new ArrayList<>(FIXED_COLUMNS);
            long firstSeed = e.seeds().get(0);
            for (ArmSpec arm : e.arms()) {
                rows.stream()
                        .filter(r -> arm.name().equals(r.get("name")) && Long.valueOf(firstSeed).equals(r.get("seed"))
                                && "completed".equals(r.get("status")))
                        .findFirst().ifPresent(r -> columns.add(arm.name()));
            }
            store.writeJson("samples/index.json", Map.of("count", evaluator.count(), "columns", columns));
        } finally {
            for (Map<String, Object> row : rows) { // what the budget chose for each arm
                if (e.arm(String.valueOf(row.get("name"))) != null) {
                    row.putAll(budget.rowFields(String.valueOf(row.get("name"))));
                }
            }
            int armRuns = e.arms().size() * e.seeds().size();
            int failed = failures(rows);
            int armRows = 0; // the backbone's rows (one per seed) are not arm runs
            for (Map<String, Object> row : rows) {
                armRows += e.arm(String.valueOf(row.get("name"))) != null ? 1 : 0;
            }
            header.put("status", detached ? "submitted" : failed == 0 && armRows == armRuns ? "completed"
                    : failed == armRuns || rows.isEmpty() ? "failed" : "partial"); // empty: a stage before the arms failed
            // over seeds: intervals per arm, ratios paired by seed, the backbone's quality gate, the paper's claims
            SeedStatistics.put(e, header, rows);
            store.writeSummary(header, rows);
            provenance.put(detached ? "submittedAt" : "finishedAt", Instant.now().toString());
            provenance.put(resumed ? "resumedWallSeconds" : "wallSeconds",
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            store.writeJson("provenance.json", provenance);
        }
        if (detached) { // the arms run on; `unicon run --resume` collects them and writes the report
            return new Result(store.dir(), failures(rows), true);
        }
        Path report = HtmlReport.write(store.dir());
        RunConsole.table(out, rows, header.get("realVsReal"));
        mirror.sync(); // final status, report and claims
        RunConsole.gate(out, header.get("backbone"));
        RunConsole.claims(out, header.get("claims"));
        out.println("report: " + report);
        return new Result(store.dir(), failures(rows));
    }

    /** One arm and seed of the experiment. */
    private record Job(ArmSpec arm, long seed, String label) {
    }

    /**
     * Runs every arm and seed that has no row yet in child processes, at most {@code parallel} at
     * once; after each, its row joins {@code rows} (in the experiment's order: seed, then arm), its
     * log joins the arm's merged log, and the summary is written: nothing measured is lost.
     */
    private static void runArms(Experiment e, RunStore store, List<Map<String, Object>> rows,
            Map<String, Object> header, PrintWriter out, RunMirror mirror, int parallel, ArmLauncher launcher) {
        List<Job> jobs = new ArrayList<>();
        for (int seed : e.seeds()) {
            for (ArmSpec arm : e.arms()) {
                jobs.add(new Job(arm, seed, arm.name() + (e.seeds().size() > 1 ? " seed " + seed : "")));
            }
        }
        List<Map<String, Object>> done = new ArrayList<>(Collections.nCopies(jobs.size(), null));
        List<Map<String, Object>> reference = List.copyOf(rows);
        Runnable record = () -> {
            rows.clear();
            rows.addAll(reference);
            done.stream().filter(Objects::nonNull).forEach(rows::add);
            store.writeSummary(header, rows);
        };
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            Map<String, Object> row = ArmProcess.finishedRow(store.dir(), job.arm().name(), job.seed());
            if (row == null || !("completed".equals(row.get("status")) || "failed".equals(row.get("status")))) {
                pending.add(i);
                continue;
            }
            out.println("[" + job.label() + "] " + row.get("status") + " earlier; kept, not run again");
            done.set(i, row);
            finish(e, store, job, row, done, jobs);
        }
        record.run();
        if (launcher != null) { // an executor starts them all (Slurm: one job array) before any is awaited
            launcher.prepare(pending.stream().map(i -> task(store, jobs.get(i))).toList(), out);
        }
        int threads = launcher == null ? parallel : Math.max(1, launcher.concurrency(pending.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "arm-process");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : pending) {
                Job job = jobs.get(i);
                futures.add(pool.submit(() -> {
                    Map<String, Object> row = launcher == null
                            ? ArmProcess.run(store, job.arm(), job.seed(), job.label(), out)
                            : launcher.await(task(store, job), out);
                    if (row == null) { // detached: still running
                        return;
                    }
                    synchronized (done) {
                        done.set(i, row);
                        finish(e, store, job, row, done, jobs);
                        record.run();
                        mirror.sync();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } finally {
            pool.shutdownNow();
            if (launcher != null) {
                launcher.close();
            }
        }
        synchronized (done) {
            record.run();
        }
    }

    private static ArmTask task(RunStore store, Job job) {
        return new ArmTask(store.dir().toAbsolutePath(), job.arm(), job.seed(), job.label());
    }

    /**
     * After an arm and seed: its samples (first seed, completed) go to {@code samples/ARM/}, and the
     * arm's merged log {@code arms/ARM/metrics.jsonl} (and control curve, {@code curve.jsonl}) is rebuilt
     * from its finished seeds, in seed order.
     */
    private static void finish(Experiment e, RunStore store, Job job, Map<String, Object> row,
            List<Map<String, Object>> done, List<Job> jobs) {
        String arm = job.arm().name();
        try {
            if (job.seed() == e.seeds().get(0) && "completed".equals(row.get("status"))) {
                Path from = store.dir().resolve(ArmRunner.folder(arm, job.seed())).resolve("samples");
                Path to = store.dir().resolve("samples").resolve(arm);
                Files.createDirectories(to);
                try (Stream<Path> pngs = Files.list(from)) {
                    for (Path png : pngs.sorted().toList()) {
                        Files.copy(png, to.resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            StringBuilder merged = new StringBuilder();
            StringBuilder curves = new StringBuilder();
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).arm().name().equals(arm) && done.get(i) != null) {
                    Path log = store.dir().resolve(ArmRunner.folder(arm, jobs.get(i).seed())).resolve("metrics.jsonl");
                    if (Files.isRegularFile(log)) {
                        merged.append(Files.readString(log));
                    }
                    Path curve = log.resolveSibling(ControlCurve.FILE);
                    if (Files.isRegularFile(curve)) {
                        curves.append(Files.readString(curve));
                    }
                }
            }
            store.writeText("arms/" + arm + "/metrics.jsonl", merged.toString());
            if (curves.length() > 0) {
                store.writeText("arms/" + arm + "/" + ControlCurve.FILE, curves.toString());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot gather the files of " + job.label(), ex);
        }
    }

    private static int failures(List<Map<String, Object>> rows) {
        return (int) rows.stream().filter(r -> "failed".equals(r.get("status"))).count();
    }

    private static String readIfExists(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /** The run's evaluator on {@code seed}'s window of the evaluation set. */
    private static Evaluator evaluator(Experiment e, Datasets.Splits data, NoiseSchedule schedule, Device device,
            long seed) {
        return new Evaluator(data.eval(), e.evaluation().samples(),
                new DdimSampler(schedule, e.evaluation().samplerSteps()), Blueprint.edges(e), e.condition().kind(),
                device).forSeed(seed);
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

}
