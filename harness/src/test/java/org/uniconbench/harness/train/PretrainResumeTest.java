package org.uniconbench.harness.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backbone pre-training saves its state every few steps beside the cache entry; one stopped
 * after a save continues from it to the same final weights as a pre-training never stopped, and the
 * state is removed once the entry is saved or the pre-training diverges.
 */
class PretrainResumeTest {

    private static final int STEPS = 8;
    private static final int EVERY = 3;

    /** A stand-in for the process being killed. */
    private static final class Killed extends RuntimeException {
        Killed(int step) {
            super("killed after step " + step);
        }
    }

    /** A tiny DiT pre-training of {@link #STEPS} steps with an EMA, the cache under {@code output}. */
    private static Experiment tiny(Path output) {
        return BackboneEmaTest.tinyDit(output,
                "steps: " + STEPS + ", batch_size: 4, learning_rate: 1.0e-2, ema_decay: 0.9999");
    }

    /**
     * What a run's backbone stage left.
     *
     * @param console its output
     * @param run its run folder
     */
    private record Stage(String console, Path run) {
    }

    /** The backbone stage as a run calls it, saving every {@link #EVERY} steps. */
    private static Stage stage(Experiment e, IntConsumer afterStep) {
        RunStore store = RunStore.create(Path.of(e.output()), e.name());
        StringWriter console = new StringWriter();
        try (Backbone b = BackboneStage.frozen(e, Device.cpu(), Blueprint.data(e).train(),
                new Trainer(Blueprint.schedule(e)), store, new PrintWriter(console, true), EVERY, afterStep)) {
            return new Stage(console.toString(), store.dir());
        }
    }

    private static final IntConsumer UNSTOPPED = s -> {};

    private static IntConsumer killAfter(int step) {
        return s -> {
            if (s == step) {
                throw new Killed(s);
            }
        };
    }

    private static Path partial(Experiment e) {
        return PretrainCheckpoint.folder(BackboneStage.checkpoint(e));
    }

    /** The steps of a run's pre-training log, in order. */
    private static List<Integer> loggedSteps(Stage stage) throws IOException {
        return Files.readAllLines(stage.run().resolve("backbone/metrics.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(l -> {
                    try {
                        return RunStore.JSON.readTree(l).get("step").asInt();
                    } catch (IOException ex) {
                        throw new AssertionError(ex);
                    }
                }).toList();
    }

    private static void assertNoState(Experiment e) {
        Path p = partial(e);
        for (Path left : List.of(p, p.resolveSibling(p.getFileName() + ".tmp"),
                p.resolveSibling(p.getFileName() + ".old"))) {
            assertFalse(Files.exists(left), left + " is left behind");
        }
    }

    private static List<Integer> allSteps() {
        return IntStream.rangeClosed(1, STEPS).boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in place", "moved aside by a kill between the save's two renames"})
    void aPretrainingKilledAfterASaveResumesFromItToTheSameWeightsAsOneNeverKilled(String where, @TempDir Path dir)
            throws IOException {
        Experiment whole = tiny(dir.resolve("whole"));
        stage(whole, UNSTOPPED);
        byte[] expected = Files.readAllBytes(BackboneStage.checkpoint(whole));

        Experiment cut = tiny(dir.resolve("cut"));
        assertThrows(Killed.class, () -> stage(cut, killAfter(EVERY + 2))); // steps 4 and 5 are lost
        assertFalse(Files.exists(BackboneStage.checkpoint(cut)), "nothing cached by a killed pre-training");
        Path state = partial(cut);
        assertTrue(Files.isRegularFile(state.resolve("state.json")), "the state after step " + EVERY);
        if (!where.equals("in place")) {
            Files.move(state, state.resolveSibling(state.getFileName() + ".old"));
            state = state.resolveSibling(state.getFileName() + ".old");
        }
        Stage second = stage(cut, UNSTOPPED);
        String console = second.console();
        assertTrue(console.contains("backbone: resuming pre-training after step " + EVERY + " of " + STEPS
                + " (state in " + state + ")"), console);
        assertArrayEquals(expected, Files.readAllBytes(BackboneStage.checkpoint(cut)),
                "the resumed pre-training's cached backbone differs from the uninterrupted one's");
        assertEquals(allSteps(), loggedSteps(second), "the saved lines, then the continuation's");
        String record = Files.readString(second.run().resolve("backbone.json"));
        assertTrue(record.contains("\"pretrainResumedFromStep\" : " + EVERY), record);
    }

    @Test
    void aCompletedPretrainingLeavesNoState(@TempDir Path dir) {
        Experiment e = tiny(dir);
        boolean[] saved = {false};
        stage(e, s -> saved[0] |= s == EVERY && Files.isRegularFile(partial(e).resolve("state.json")));
        assertTrue(saved[0], "no state was saved after step " + EVERY);
        assertTrue(Files.isRegularFile(BackboneStage.checkpoint(e)));
        assertNoState(e);
    }

    @Test
    void aStateFolderWithoutStateJsonIsIgnoredAndPretrainingStartsAtStepOne(@TempDir Path dir) throws IOException {
        Experiment whole = tiny(dir.resolve("whole"));
        stage(whole, UNSTOPPED);
        Experiment cut = tiny(dir.resolve("cut"));
        assertThrows(Killed.class, () -> stage(cut, killAfter(EVERY + 1)));
        Files.delete(partial(cut).resolve("state.json")); // as if the kill came while it was being written
        Stage second = stage(cut, UNSTOPPED);
        assertFalse(second.console().contains("resuming"), second.console());
        assertEquals(allSteps(), loggedSteps(second));
        assertArrayEquals(Files.readAllBytes(BackboneStage.checkpoint(whole)),
                Files.readAllBytes(BackboneStage.checkpoint(cut)));
        assertNoState(cut);
    }

    @Test
    void aDivergingPretrainingRemovesItsState(@TempDir Path dir) {
        Experiment e = tiny(dir);
        boolean[] saved = {false};
        System.setProperty(FaultInjection.PROPERTY, "backbone@" + (EVERY + 2));
        try {
            BadInputException diverged = assertThrows(BadInputException.class,
                    () -> stage(e, s -> saved[0] |= Files.isDirectory(partial(e))));
            assertTrue(diverged.getMessage().contains("nothing cached"), diverged.getMessage());
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
        assertTrue(saved[0], "no state was saved before the divergence");
        assertNoState(e);
        assertFalse(Files.exists(BackboneStage.checkpoint(e)));
    }
}
