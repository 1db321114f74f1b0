package org.uniconbench.harness.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.harness.experiment.CurveSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.verdict.PaperClaims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control curve of one arm and seed ({@code evaluation.curve}): every {@code every} training
 * steps, at step 0 and at the last step, the adapter as it is then samples a small fixed evaluation
 * set and the run's control metric ({@link PaperClaims.ControlMetric}: edge F1 for Canny, mask IoU,
 * depth RMSE, SSIM for super-resolution) is appended to {@code arms/ARM/seed-S/curve.jsonl} as
 * {@code {step, trainSeconds, curveSeconds, metric, value, seed}}.
 *
 * <p>The set is the first {@code samples} evaluation conditions from one fixed noise, the same for
 * every arm, seed and point, so the points of a curve differ only by training. The time a point
 * takes ({@code curveSeconds}) is measured apart and kept out of the step times, the arm's
 * {@code trainSeconds} and the time budget ({@link #excludedNanos()}); {@code trainSeconds} of a
 * point is the arm's training time up to that step, so the curve can be drawn against wall time.
 *
 * <p>Resume: a resumed arm keeps the points up to its checkpoint's step and drops the later ones (a
 * killed run may have written points after its last checkpoint), which are recorded again from the
 * restored adapter, so the curve equals that of an uninterrupted run (values exactly, on the CPU).
 */
public final class ControlCurve {

    /** The curve file in an arm's seed folder, and the seeds' merged curve in the arm's folder. */
    public static final String FILE = "curve.jsonl";

    /** Seed of the curve's starting noise: one noise for every arm, seed and point. */
    private static final long NOISE_SEED = 0;

    private final CurveSpec spec;
    private final Evaluator set;
    private final String metric;
    private final RunStore store;
    private final String file;
    private final long seed;
    private long excludedNanos;
    private double keptSeconds;
    private int lastStep = -1;

    private ControlCurve(CurveSpec spec, Evaluator set, String metric, RunStore store, String file, long seed) {
        this.spec = spec;
        this.set = set;
        this.metric = metric;
        this.store = store;
        this.file = file;
        this.seed = seed;
    }

    /**
     * The curve of an arm about to train, or null when the experiment records none. A fresh arm
     * ({@code done == 0}) starts a new file with the point of step 0; a resumed one keeps its points
     * up to step {@code done}.
     *
     * @param e the experiment
     * @param evaluator the arm's evaluator (its data, edges and condition are reused)
     * @param store the run folder
     * @param folder the arm's seed folder, {@link ArmRunner#folder}
     * @param seed the arm's seed
     * @param done the step training continues after (0 for a fresh start)
     * @param model the adapter as it is at step {@code done}
     * @return the curve, or null
     */
    static ControlCurve open(Experiment e, Evaluator evaluator, RunStore store, String folder, long seed, int done,
            Denoiser model) {
        CurveSpec spec = e.evaluation().curve();
        if (!spec.enabled()) {
            return null;
        }
        Evaluator set = evaluator.fixedSet(spec.samples(), new DdimSampler(Blueprint.schedule(e), spec.samplerSteps()));
        String metric = PaperClaims.ControlMetric.of(e.condition().kind().yamlName()).metric();
        ControlCurve curve = new ControlCurve(spec, set, metric, store, folder + "/" + FILE, seed);
        if (done == 0) {
            store.writeText(curve.file, "");
            curve.record(model, 0, 0);
        } else {
            curve.keepUpTo(done);
        }
        return curve;
    }

    /**
     * Whether step {@code step} gets a point: every {@code every} steps and the last one.
     *
     * @param step the step just trained
     * @param lastStep the step training ends at when no time budget stops it earlier
     * @return whether to call {@link #record}
     */
    boolean due(int step, int lastStep) {
        return step > this.lastStep && (step % spec.every() == 0 || step == lastStep);
    }

    /**
     * Samples the fixed set with the adapter as it is, scores it and appends the point.
     *
     * @param model the adapter after step {@code step}
     * @param step the step just trained (0: before training)
     * @param trainSeconds the arm's training time up to this step, curve time excluded
     * @return nanoseconds the point took (to leave out of the training time)
     */
    long record(Denoiser model, int step, double trainSeconds) {
        long start = System.nanoTime();
        List<GrayImage> samples = set.sample(model, NOISE_SEED);
        Map<String, Object> scores = new LinkedHashMap<>();
        set.score(samples).putInto(scores);
        Object value = scores.get(metric);
        long spent = System.nanoTime() - start;
        excludedNanos += spent;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("trainSeconds", trainSeconds);
        line.put("curveSeconds", spent / 1e9);
        line.put("metric", metric);
        line.put("value", value instanceof Double d && Double.isFinite(d) ? d : null);
        line.put("samples", spec.samples());
        line.put("seed", seed);
        try (RunStore.JsonLines lines = store.lines(file)) {
            lines.append(line);
        }
        lastStep = step;
        return spent;
    }

    /**
     * Records the last point when a time budget stopped training between two points.
     *
     * @param model the trained adapter
     * @param stepsRun the last step trained
     * @param trainSeconds the arm's training time
     */
    void finish(Denoiser model, int stepsRun, double trainSeconds) {
        if (lastStep < stepsRun) {
            record(model, stepsRun, trainSeconds);
        }
    }

    /** Seconds spent on the points of the curve file, by this process and the attempts it resumes. */
    double seconds() {
        return keptSeconds + excludedNanos / 1e9;
    }

    /** Total time spent on the curve in this process, in nanoseconds (never decreasing). */
    long excludedNanos() {
        return excludedNanos;
    }

    /** Cuts the file back to the points of steps up to {@code step}. */
    private void keepUpTo(int step) {
        Path path = store.dir().resolve(file);
        StringBuilder kept = new StringBuilder();
        try {
            for (String line : Files.exists(path) ? Files.readAllLines(path) : List.<String>of()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = RunStore.JSON.readTree(line);
                } catch (IOException truncated) {
                    break; // a line cut off by the kill; it is after the checkpoint anyway
                }
                int at = n.get("step").asInt();
                if (at > step) {
                    break;
                }
                kept.append(line).append('\n');
                lastStep = at;
                keptSeconds += n.path("curveSeconds").asDouble(0);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        store.writeText(file, kept.toString());
    }
}
