package org.uniconbench.harness.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.features.RandomConvFeatures;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backbone.pretrain.gate_every}: the quality gate measured on the weights that would be cached
 * every K pre-training steps and at the last, without changing those weights, kept across a resume
 * and beside the cache entry. The feature classifier is stood in for by random features (training
 * one would dominate the test's time); the gate's arithmetic is the same.
 */
class GateCurveTest {

    private static final int STEPS = 8;
    private static final int GATE_EVERY = 3;
    /** Steps between saves of the pre-training's state. */
    private static final int SAVE_EVERY = 3;

    /** A stand-in for the process being killed. */
    private static final class Killed extends RuntimeException {
        Killed(int step) {
            super("killed after step " + step);
        }
    }

    /** A tiny DiT with EMA and the gate's N of 128 evaluation samples (2 DDIM steps each). */
    private static Experiment tiny(Path output, int gateEvery) {
        return ExperimentLoader.parse("""
                name: gate
                device: cpu
                output: %s
                dataset: {kind: shapes, resolution: 8, train_size: 16, eval_size: 128}
                evaluation: {samples: 128, sampler_steps: 2}
                backbone:
                  kind: dit
                  patch: 4
                  hidden: 16
                  depth: 2
                  heads: 2
                  pretrain: {steps: %d, batch_size: 4, learning_rate: 1.0e-2, ema_decay: 0.9999, gate_every: %d}
                arms:
                  - name: cn
                    method: controlnet
                """.formatted(output, STEPS, gateEvery), "test.yaml");
    }

    /**
     * What a backbone stage left.
     *
     * @param console its output
     * @param run its run folder
     * @param frozenFd the gate's FD-classifier of the frozen backbone it returned (NaN without a gate)
     */
    private record Stage(String console, Path run, double frozenFd) {
        JsonNode record() throws IOException {
            return RunStore.JSON.readTree(run.resolve("backbone.json").toFile());
        }

        List<Integer> curveSteps() throws IOException {
            List<Integer> steps = new ArrayList<>();
            record().path("gateCurve").forEach(p -> steps.add(p.get("step").asInt()));
            return steps;
        }
    }

    /** The backbone stage as a run calls it, with the run's evaluator and a gate when the file asks for one. */
    private static Stage stage(Experiment e, IntConsumer afterStep) {
        RunStore store = RunStore.create(Path.of(e.output()), e.name());
        StringWriter console = new StringWriter();
        Datasets.Splits data = Blueprint.data(e);
        long seed = e.seeds().get(0);
        Evaluator evaluator = new Evaluator(data.eval(), e.evaluation().samples(),
                new DdimSampler(Blueprint.schedule(e), e.evaluation().samplerSteps()), Blueprint.edges(e),
                e.condition().kind(), Device.cpu()).forSeed(seed);
        try (RandomConvFeatures classifier = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, 7,
                Device.cpu());
                RandomConvFeatures random = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS,
                        FeatureStage.RANDOM_FEATURES_SEED, Device.cpu())) {
            BackboneGate gate = e.backbone().pretrain().gateCurve()
                    ? new BackboneGate(evaluator, classifier, random, data.reference(),
                            e.evaluation().qualityGateMultiple(), seed)
                    : null;
            try (Backbone b = BackboneStage.frozen(e, Device.cpu(), data.train(), new Trainer(Blueprint.schedule(e)),
                    store, new PrintWriter(console, true), gate, SAVE_EVERY, afterStep)) {
                double fd = gate == null ? Double.NaN : gate.measure(b).fdClassifier();
                return new Stage(console.toString(), store.dir(), fd);
            }
        }
    }

    private static final IntConsumer UNSTOPPED = s -> {};

    @Test
    void aGateCurveLeavesTheCachedBackboneTheSameByteForByte(@TempDir Path dir) throws IOException {
        Experiment without = tiny(dir.resolve("without"), 0);
        Experiment with = tiny(dir.resolve("with"), GATE_EVERY);
        Stage plain = stage(without, UNSTOPPED);
        Stage gated = stage(with, UNSTOPPED);
        assertTrue(plain.record().path("gateCurve").isMissingNode(), plain.record().toString());
        assertEquals(List.of(3, 6, 8), gated.curveSteps(), "the curve was measured");
        assertArrayEquals(Files.readAllBytes(BackboneStage.checkpoint(without)),
                Files.readAllBytes(BackboneStage.checkpoint(with)),
                "measuring the gate changed the cached backbone");
    }

    @Test
    void theCurveHasAPointEveryKStepsAndAtTheLastAsAMultipleOfTheFloor(@TempDir Path dir) throws IOException {
        Stage s = stage(tiny(dir, GATE_EVERY), UNSTOPPED);
        assertEquals(List.of(3, 6, 8), s.curveSteps());
        JsonNode record = s.record();
        assertEquals(GATE_EVERY, record.get("gateEvery").asInt());
        assertTrue(record.get("gateSeconds").asDouble() > 0, record.toString());
        double floor = record.get("gateCurve").get(0).get("floor").asDouble();
        assertTrue(Double.isFinite(floor) && floor > 0, "floor " + floor);
        for (JsonNode p : record.get("gateCurve")) {
            double fd = p.get("fdClassifier").asDouble();
            assertTrue(Double.isFinite(fd) && fd > 0, p.toString());
            assertEquals(floor, p.get("floor").asDouble(), "one floor for the whole curve");
            assertEquals(fd / floor, p.get("multiple").asDouble(), 1e-12, p.toString());
            assertEquals(3.0, p.get("allowed").asDouble());
            assertEquals(fd <= 3.0 * floor, p.get("passed").asBoolean(), p.toString());
            assertTrue(s.console().contains("[backbone] step " + p.get("step").asInt() + "/" + STEPS
                    + " gate: FD-classifier "), s.console());
        }
        assertTrue(s.console().contains("the floor (allowed 3x)"), s.console());
        assertEquals(3, Files.readAllLines(s.run().resolve(GateCurve.FILE)).size());
    }

    @Test
    void theLastPointIsTheGateOfTheCachedBackbone(@TempDir Path dir) throws IOException {
        // with EMA: the last point judged the average, which is what was cached and frozen
        Stage s = stage(tiny(dir, GATE_EVERY), UNSTOPPED);
        JsonNode curve = s.record().get("gateCurve");
        assertEquals(s.frozenFd(), curve.get(curve.size() - 1).get("fdClassifier").asDouble());
    }

    @Test
    void aResumedPretrainingKeepsThePointsBeforeTheKill(@TempDir Path dir) throws IOException {
        Stage whole = stage(tiny(dir.resolve("whole"), GATE_EVERY), UNSTOPPED);
        Experiment cut = tiny(dir.resolve("cut"), GATE_EVERY);
        assertThrows(Killed.class, () -> stage(cut, s -> {
            if (s == SAVE_EVERY + 2) {
                throw new Killed(s);
            }
        }));
        Stage second = stage(cut, UNSTOPPED); // a new run folder: the point of step 3 comes from the saved state
        assertTrue(second.console().contains("resuming pre-training after step " + SAVE_EVERY), second.console());
        assertFalse(second.console().contains("[backbone] step 3/" + STEPS + " gate"), "step 3 measured again");
        assertEquals(List.of(3, 6, 8), second.curveSteps());
        JsonNode expected = whole.record().get("gateCurve");
        JsonNode resumed = second.record().get("gateCurve");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("fdClassifier").asDouble(), resumed.get(i).get("fdClassifier").asDouble(),
                    "point " + i);
        }
        assertArrayEquals(Files.readAllBytes(BackboneStage.checkpoint(tiny(dir.resolve("whole"), GATE_EVERY))),
                Files.readAllBytes(BackboneStage.checkpoint(cut)));
    }

    @Test
    void aCachedBackboneShowsTheCurveOfThePretrainingThatMadeIt(@TempDir Path dir) throws IOException {
        Experiment e = tiny(dir, GATE_EVERY);
        Stage first = stage(e, UNSTOPPED);
        Stage cached = stage(e, UNSTOPPED);
        assertEquals("cache", cached.record().get("source").asText());
        assertFalse(cached.console().contains("gate: FD-classifier"), "nothing measured again");
        assertEquals(first.record().get("gateCurve"), cached.record().get("gateCurve"));
        assertTrue(cached.record().get("gateCurveSource").asText().contains("cache entry"));
    }
}
