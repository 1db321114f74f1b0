package org.uniconbench.harness.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A finished constant-rate pre-training keeps its last state, and a longer pre-training of the same
 * recipe starts from it instead of from step 0, to the same weights as one run from step 0, and so
 * does a cooldown from the constant-rate run that ends where it starts, and a cooldown keeps its state at
 * its start for the next; a different recipe or a cosine schedule (whose rates depend on the length)
 * does not.
 */
class PretrainContinuationTest {

    private static final String RECIPE = "batch_size: 4, learning_rate: 1.0e-2, ema_decay: 0.9999";

    private static Experiment tiny(Path output, int steps, String recipe) {
        return BackboneEmaTest.tinyDit(output, "steps: " + steps + ", " + recipe);
    }

    /** Runs the backbone stage as a run does (a state saved every 2 steps); returns its console. */
    private static String stage(Experiment e) {
        RunStore store = RunStore.create(Path.of(e.output()), e.name());
        StringWriter console = new StringWriter();
        try (Backbone b = BackboneStage.frozen(e, Device.cpu(), Blueprint.data(e).train(),
                new Trainer(Blueprint.schedule(e)), store, new PrintWriter(console, true), 2, s -> {})) {
            return console.toString() + Files.readString(store.dir().resolve("backbone.json"));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static byte[] cached(Experiment e) throws IOException {
        return Files.readAllBytes(BackboneStage.checkpoint(e));
    }

    @Test
    void aLongerPretrainingContinuesFromAShorterOnesFinalStateToTheWeightsOfOneRunFromStepZero(@TempDir Path dir)
            throws IOException {
        Experiment straight = tiny(dir.resolve("straight"), 7, RECIPE);
        stage(straight);

        Experiment shorter = tiny(dir.resolve("cache"), 4, RECIPE);
        Experiment longer = tiny(dir.resolve("cache"), 7, RECIPE);
        assertTrue(BackboneStage.plan(longer).contains("7 steps from step 0"), BackboneStage.plan(longer));
        stage(shorter);
        Path kept = PretrainCheckpoint.finalFolder(BackboneStage.checkpoint(shorter));
        assertTrue(Files.isRegularFile(kept.resolve("state.json")), "the 4-step pre-training kept no final state");
        assertTrue(BackboneStage.plan(longer).contains("continuing the finished 4-step pre-training"),
                BackboneStage.plan(longer));
        String console = stage(longer);
        assertTrue(BackboneStage.plan(longer).startsWith("cached: "), BackboneStage.plan(longer));

        assertTrue(console.contains("backbone: continuing the finished 4-step pre-training of the same recipe"),
                console);
        assertTrue(console.contains("\"pretrainContinuedFrom\" : \"" + kept.getFileName() + "\""), console);
        assertTrue(console.contains("\"pretrainResumedFromStep\" : 4"), console);
        assertArrayEquals(cached(straight), cached(longer),
                "the continued pre-training's backbone differs from the one run from step 0");
        assertNotEquals(BackboneStage.cacheKey(shorter), BackboneStage.cacheKey(longer));
        assertTrue(Files.isRegularFile(BackboneStage.checkpoint(shorter)), "the shorter entry is still cached");
    }

    @Test
    void aCooldownStartsFromTheConstantRunEndingAtItsStartToTheWeightsOfOneRunFromStepZero(@TempDir Path dir)
            throws IOException {
        String cooled = RECIPE + ", cooldown_steps: 3"; // steps 1-4 at the constant rate, 5-7 lower it to 0
        Experiment straight = tiny(dir.resolve("straight"), 7, cooled);
        stage(straight);
        assertFalse(Files.exists(PretrainCheckpoint.finalFolder(BackboneStage.checkpoint(straight))),
                "a cooled-down end is not a step of a longer constant-rate pre-training");

        stage(tiny(dir.resolve("past"), 5, RECIPE)); // its step 5 took the full rate: not the cooldown's
        assertFalse(stage(tiny(dir.resolve("past"), 7, cooled)).contains("continuing"));

        stage(tiny(dir.resolve("cache"), 4, RECIPE));
        Experiment continued = tiny(dir.resolve("cache"), 7, cooled);
        String console = stage(continued);
        assertTrue(console.contains("backbone: continuing the finished 4-step pre-training"), console);
        assertArrayEquals(cached(straight), cached(continued),
                "the cooldown continued from step 4 differs from the one run from step 0");
    }

    @Test
    void aCooldownKeepsItsConstantRateStateAtItsStartForALongerConstantRun(@TempDir Path dir) throws IOException {
        stage(tiny(dir.resolve("cache"), 7, RECIPE + ", cooldown_steps: 3")); // constant to step 4
        Path kept = PretrainCheckpoint.finalFolder(BackboneStage.checkpoint(tiny(dir.resolve("cache"), 4, RECIPE)));
        assertTrue(Files.isRegularFile(kept.resolve("state.json")), "the cooldown kept no state at its start");

        Experiment longer = tiny(dir.resolve("cache"), 6, RECIPE);
        String console = stage(longer);
        assertTrue(console.contains("backbone: continuing the finished 4-step pre-training"), console);
        Experiment straight = tiny(dir.resolve("straight"), 6, RECIPE);
        stage(straight);
        assertArrayEquals(cached(straight), cached(longer),
                "the constant run continued from the cooldown's start differs from the one run from step 0");
    }

    @Test
    void anotherRecipeStartsFromStepZero(@TempDir Path dir) {
        stage(tiny(dir, 4, RECIPE));
        String console = stage(tiny(dir, 7, RECIPE.replace("1.0e-2", "2.0e-2")));
        assertFalse(console.contains("continuing"), console);
        assertFalse(console.contains("pretrainContinuedFrom"), console);
    }

    @Test
    void aCosineScheduleKeepsNoFinalStateAndStartsFromStepZero(@TempDir Path dir) {
        Experiment shorter = tiny(dir, 4, RECIPE + ", lr_schedule: cosine");
        stage(shorter);
        assertFalse(Files.exists(PretrainCheckpoint.finalFolder(BackboneStage.checkpoint(shorter))),
                "a cosine pre-training's last state is not a step of a longer one");
        String console = stage(tiny(dir, 7, RECIPE + ", lr_schedule: cosine"));
        assertFalse(console.contains("continuing"), console);
    }
}
