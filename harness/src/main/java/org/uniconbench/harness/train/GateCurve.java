package org.uniconbench.harness.train;

import ai.djl.Device;
import com.fasterxml.jackson.core.type.TypeReference;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Ema;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.files.AtomicFile;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.store.RunStore;

import org.uniconbench.harness.verdict.Draws;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate curve of a backbone pre-training ({@code backbone.pretrain.gate_every: K}): after every
 * K steps and after the last one, the weights that would be cached at that point (the EMA average
 * with {@code ema_decay}, else the training weights) are copied into a separate frozen backbone,
 * which {@link BackboneGate} samples and judges. The training model, its optimiser, its average and
 * the training's random stream are only read, so the cached backbone is the same, byte for byte, with
 * or without the curve.
 *
 * <p>Each point, {@code {step, fdClassifier, floor, multiple, allowed, passed, seconds}}, is appended
 * to {@link #FILE} in the run folder (saved with the pre-training's resumable state, so a resumed
 * pre-training keeps the points before the kill), printed as one console line, and the whole curve
 * goes into {@code backbone.json} as {@code gateCurve} and beside the cache entry
 * ({@link #beside}). A point's time ({@code seconds}) is kept out of the step times and of
 * {@code pretrainSeconds} ({@link #excludedNanos()}).
 */
final class GateCurve implements AutoCloseable {

    /** The curve's points in the run folder, one JSON object a line. */
    static final String FILE = "backbone/gate.jsonl";

    private final BackboneGate gate;
    private final int every;
    private final int steps;
    private final Backbone judged;
    private final RunStore store;
    private final PrintWriter out;
    private final List<Map<String, Object>> points = new ArrayList<>();
    private long excludedNanos;

    private GateCurve(BackboneGate gate, int every, int steps, Backbone judged, RunStore store, PrintWriter out) {
        this.gate = gate;
        this.every = every;
        this.steps = steps;
        this.judged = judged;
        this.store = store;
        this.out = out;
    }

    /**
     * The curve of a pre-training about to run, or null without a gate. Starts {@link #FILE} with
     * the points of {@code kept} up to step {@code done} (a resumed pre-training's earlier points).
     *
     * @param e the experiment
     * @param gate the gate, or null for no curve
     * @param device where the judged copy of the backbone runs
     * @param store the run folder
     * @param out where the points are printed
     * @param kept the saved points' lines ({@link PretrainCheckpoint#gateLines}), empty for a fresh start
     * @param done the step the pre-training continues after
     * @return the curve, or null
     */
    static GateCurve open(Experiment e, BackboneGate gate, Device device, RunStore store, PrintWriter out,
            List<String> kept, int done) {
        if (gate == null) {
            return null;
        }
        var p = e.backbone().pretrain();
        GateCurve curve = new GateCurve(gate, p.gateEvery(), p.steps(),
                Blueprint.backbone(e, device, e.seeds().get(0), false), store, out);
        StringBuilder text = new StringBuilder();
        for (String line : kept) {
            try {
                Map<String, Object> point = RunStore.JSON.readValue(line, new TypeReference<Map<String, Object>>() {
                });
                if (((Number) point.get("step")).intValue() <= done) {
                    curve.points.add(point);
                    text.append(line).append('\n');
                }
            } catch (IOException | RuntimeException damaged) {
                break; // a line cut off by a kill
            }
        }
        store.writeText(FILE, text.toString());
        out.printf(Locale.ROOT, "backbone: quality gate every %d steps on %s (floor: FD-classifier %.3g)%n",
                p.gateEvery(), p.ema() ? "the EMA weights" : "the training weights", gate.floor());
        return curve;
    }

    /** Whether step {@code step} (1-based) gets a point: every {@code every} steps and the last. */
    boolean due(int step) {
        return step % every == 0 || step == steps;
    }

    /**
     * Judges the weights that would be cached after step {@code step} and appends the point.
     *
     * @param step the step just taken
     * @param training the backbone being pre-trained (read only)
     * @param ema its average, or null (read only)
     */
    void record(int step, Backbone training, Ema ema) {
        long start = System.nanoTime();
        Map<String, float[]> weights = ema != null ? ema.shadows() : new LinkedHashMap<>();
        if (ema == null) {
            training.parameters().all().forEach(p -> weights.put(p.name(), p.array().toFloatArray()));
        }
        for (ParameterSet.Parameter p : judged.parameters().all()) {
            p.array().set(weights.get(p.name()));
        }
        BackboneGate.Reading r = gate.measure(judged);
        long spent = System.nanoTime() - start;
        excludedNanos += spent;
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("step", step);
        point.put("fdClassifier", r.fdClassifier());
        point.put("floor", r.floor());
        point.put("multiple", r.multiple());
        point.put("allowed", r.allowed());
        point.put("passed", r.passed());
        point.put("fdClassifierDraws", r.draws());
        point.put("seconds", spent / 1e9);
        points.add(point);
        try (RunStore.JsonLines lines = store.lines(FILE)) {
            lines.append(point);
        }
        out.printf(Locale.ROOT, "[backbone] step %d/%d gate: FD-classifier %.3g%s = %.1fx the floor (allowed %sx)%s%n",
                step, steps, r.fdClassifier(), new Draws(r.draws()).spread("starting noises"),
                r.multiple(),
                new BigDecimal(Double.toString(r.allowed())).stripTrailingZeros().toPlainString(),
                r.passed() ? ", passed" : "");
        out.flush();
    }

    /** Nanoseconds this process spent on points (to leave out of the pre-training's time). */
    long excludedNanos() {
        return excludedNanos;
    }

    /** Seconds spent on every point of the curve, those of earlier attempts included. */
    double seconds() {
        return points.stream().mapToDouble(p -> ((Number) p.get("seconds")).doubleValue()).sum();
    }

    /** The points so far, in step order. */
    List<Map<String, Object>> points() {
        return List.copyOf(points);
    }

    /**
     * The curve's file beside a cache entry {@code backbone-KEY.ucb}: {@code backbone-KEY.gate.json},
     * so that a run which finds the entry cached can still show the curve of the pre-training that
     * made it.
     */
    static Path beside(Path cacheEntry) {
        String name = cacheEntry.getFileName().toString();
        return cacheEntry.resolveSibling(name.substring(0, name.length() - ".ucb".length()) + ".gate.json");
    }

    /** Writes the curve beside the cache entry ({@link #beside}). */
    void saveBeside(Path cacheEntry) {
        try {
            AtomicFile.writeString(beside(cacheEntry), RunStore.JSON.writeValueAsString(points) + "\n");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot save " + beside(cacheEntry), ex);
        }
    }

    /**
     * The curve saved beside a cache entry, or null when there is none or it cannot be read.
     *
     * @param cacheEntry the entry {@code backbone-KEY.ucb}
     * @return its points, or null
     */
    static List<Map<String, Object>> readBeside(Path cacheEntry) {
        Path file = beside(cacheEntry);
        try {
            return Files.isRegularFile(file)
                    ? RunStore.JSON.readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>() {
                    })
                    : null;
        } catch (IOException ex) {
            return null; // the curve is a record, not needed to run
        }
    }

    @Override
    public void close() {
        judged.close();
    }
}
