package org.uniconbench.harness.train;

import ai.djl.Device;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.experiment.EvaluationSpec;
import org.uniconbench.harness.experiment.Experiment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far one reading of the backbone's quality gate moves with the samples' starting noise alone:
 * the gate of an experiment's cached backbone read {@code repeats} times, from the noise of the first
 * seed (the run's own reading) and of the seeds after it, with everything else the run's (the
 * evaluator window, classifier, real sets, floor and DDIM sampler, or another number of sampler
 * steps). The first {@link BackboneGate#DRAWS} readings are the run's gate draws, and their mean over
 * the floor (the mean of its draws, printed) is the run's gate; more show how far that mean itself
 * may move.
 */
public final class GateSpread {

    private GateSpread() {
    }

    /**
     * Reads the gate and prints each reading and their spread.
     *
     * @param e the experiment whose cached backbone is read (run it first)
     * @param repeats readings, at least 2
     * @param samplerSteps DDIM steps, or null for {@code evaluation.sampler_steps}
     * @param out where the readings go
     * @return the readings, the run's own first
     */
    public static List<BackboneGate.Reading> run(Experiment e, int repeats, Integer samplerSteps, PrintWriter out) {
        return run(e, repeats, BackboneGate.FLOOR_DRAWS, samplerSteps, out);
    }

    /**
     * As {@link #run(Experiment, int, Integer, PrintWriter)}, printing {@code floorDraws} draws of the
     * floor (the gate reads the first {@link BackboneGate#FLOOR_DRAWS}).
     */
    public static List<BackboneGate.Reading> run(Experiment e, int repeats, int floorDraws, Integer samplerSteps,
            PrintWriter out) {
        if (repeats < 2) {
            throw new BadInputException("--repeats " + repeats + " gives no spread; allowed: at least 2");
        }
        if (e.evaluation().samples() < EvaluationSpec.QUALITY_GATE_MIN_N) {
            throw new BadInputException("evaluation.samples = " + e.evaluation().samples() + " is below the quality "
                    + "gate's N of " + EvaluationSpec.QUALITY_GATE_MIN_N + "; the gate is not evaluated for this file");
        }
        Path checkpoint = BackboneStage.checkpoint(e);
        if (!Files.isRegularFile(checkpoint)) {
            throw new BadInputException("no backbone for this file at " + checkpoint.toAbsolutePath()
                    + "; run the file first (./unicon run FILE), which pre-trains and caches it");
        }
        Device device = Blueprint.device(e);
        if (floorDraws < BackboneGate.FLOOR_DRAWS) {
            throw new BadInputException("--floor-draws " + floorDraws + " is fewer than the gate's "
                    + BackboneGate.FLOOR_DRAWS + "; allowed: at least " + BackboneGate.FLOOR_DRAWS);
        }
        Datasets.Splits data = Blueprint.data(e, floorDraws * e.evaluation().samples());
        int steps = samplerSteps == null ? e.evaluation().samplerSteps() : samplerSteps;
        DdimSampler sampler;
        try {
            sampler = new DdimSampler(Blueprint.schedule(e), steps);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException("--sampler-steps: " + ex.getMessage());
        }
        long seed = e.seeds().get(0);
        Evaluator evaluator = new Evaluator(data.eval(), e.evaluation().samples(), sampler, Blueprint.edges(e),
                e.condition().kind(), device).forSeed(seed);
        FeatureStage.Extractors features;
        try {
            features = FeatureStage.cached(e, device);
        } catch (IllegalStateException ex) {
            throw new BadInputException(ex.getMessage() + "; run the file first (./unicon run FILE)");
        }
        List<BackboneGate.Reading> readings = new ArrayList<>();
        try (features; Backbone backbone = BackboneStage.load(e, device)) {
            BackboneGate gate = new BackboneGate(evaluator, features.classifier(), features.random(), data.reference(),
                    e.evaluation().qualityGateMultiple(), seed);
            out.printf(Locale.ROOT,
                    "gate: %s, %d samples, %d DDIM steps, floor FD-classifier %.4f (mean), allowed %.1fx%n",
                    checkpoint.getFileName(), evaluator.count(), steps, gate.floor(),
                    e.evaluation().qualityGateMultiple());
            out.println("gate: the floor's draws (the targets against each block of " + evaluator.count()
                    + " held-out real images): " + BackboneGate.floorDraws(evaluator, data.reference(), floorDraws)
                            .stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList()
                    + "; the floor is the "
                    + "mean of the first " + BackboneGate.FLOOR_DRAWS);
            for (int r = 0; r < repeats; r++) {
                long noise = seed + r;
                BackboneGate.Reading reading = gate.measure(backbone, noise);
                readings.add(reading);
                out.printf(Locale.ROOT, "gate: noise of seed %d%s: FD-classifier %.4f = %.2fx the floor (%s)%n", noise,
                        r == 0 ? " (the run's reading)" : "", reading.fdClassifier(), reading.multiple(),
                        reading.passed() ? "passes" : "fails");
                out.flush();
            }
        }
        out.println(summary(readings));
        return readings;
    }

    /**
     * The readings' spread: mean and sample standard deviation of the multiple, its range, and how
     * many pass.
     *
     * @param readings at least two readings
     * @return e.g. {@code gate: 5 readings: 3.45x mean, sd 0.21x, range 3.19x-3.77x; 0 of 5 pass (allowed 3.0x)}
     */
    static String summary(List<BackboneGate.Reading> readings) {
        double mean = readings.stream().mapToDouble(BackboneGate.Reading::multiple).average().orElseThrow();
        double squares = readings.stream().mapToDouble(r -> (r.multiple() - mean) * (r.multiple() - mean)).sum();
        double sd = Math.sqrt(squares / (readings.size() - 1));
        double min = readings.stream().mapToDouble(BackboneGate.Reading::multiple).min().orElseThrow();
        double max = readings.stream().mapToDouble(BackboneGate.Reading::multiple).max().orElseThrow();
        long passing = readings.stream().filter(BackboneGate.Reading::passed).count();
        return String.format(Locale.ROOT, "gate: %d readings: %.2fx mean, sd %.2fx, range %.2fx-%.2fx; %d of %d pass "
                + "(allowed %.1fx)", readings.size(), mean, sd, min, max, passing, readings.size(),
                readings.get(0).allowed());
    }
}
