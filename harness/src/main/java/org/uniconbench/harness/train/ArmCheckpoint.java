package org.uniconbench.harness.train;

import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.files.AtomicFile;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An arm's resumable training state, saved in the arm's folder every {@code training.log_every}
 * steps and after the last one, so that a run killed mid-arm continues where it stopped.
 *
 * <pre>
 * ARM_DIR/checkpoint-000050/adapter.ucb   the adapter's parameters after step 50
 * ARM_DIR/checkpoint-000050/adam.ucb      Adam's moments (first.NAME, second.NAME)
 * ARM_DIR/checkpoint-000050/state.json    step, Adam's step count, training seconds so far
 * </pre>
 * {@code state.json} is written last: a folder without it was cut off while being written and is
 * ignored. Only the latest complete checkpoint is kept; the arm's {@code metrics.jsonl} lines up to
 * its step are the rest of the state.
 */
public final class ArmCheckpoint {

    private static final String PREFIX = "checkpoint-";
    private static final String STATE = "state.json";

    private ArmCheckpoint() {
    }

    /**
     * What a checkpoint says besides the tensors.
     *
     * @param step training steps taken
     * @param adamSteps Adam's update count
     * @param trainSeconds training time spent so far, over every process that worked on the arm
     */
    record State(int step, int adamSteps, double trainSeconds) {
    }

    /**
     * Saves the state after {@code step} and removes older checkpoints.
     *
     * @param armDir the arm's folder
     * @param state step, Adam's step count, seconds
     * @param model the model being trained (its adapter is saved)
     * @param adam the optimiser
     */
    static void save(Path armDir, State state, ControlledModel model, Adam adam) {
        Path dir = armDir.resolve(String.format(Locale.ROOT, PREFIX + "%06d", state.step()));
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(STATE));
            Checkpoint.save(model.parameters(), dir.resolve("adapter.ucb"));
            AdamFile.save(dir.resolve("adam.ucb"), adam, model.parameters());
            AtomicFile.writeString(dir.resolve(STATE), RunStore.JSON.writeValueAsString(state));
            for (Path old : complete(armDir)) {
                if (!old.equals(dir)) {
                    delete(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint " + dir, e);
        }
    }

    /** The latest complete checkpoint's state, or null when the arm has none. */
    static State latest(Path armDir) {
        List<Path> found = complete(armDir);
        if (found.isEmpty()) {
            return null;
        }
        try {
            return RunStore.JSON.readValue(found.get(found.size() - 1).resolve(STATE).toFile(), State.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint in " + armDir, e);
        }
    }

    /**
     * Loads a checkpoint into a freshly built model and optimiser.
     *
     * @param armDir the arm's folder
     * @param state the checkpoint ({@link #latest})
     * @param model the model, built as at the start of the arm
     * @param adam a new optimiser
     */
    static void restore(Path armDir, State state, ControlledModel model, Adam adam) {
        Path dir = armDir.resolve(String.format(Locale.ROOT, PREFIX + "%06d", state.step()));
        try {
            Checkpoint.load(dir.resolve("adapter.ucb"), model.parameters());
            Map<String, float[][]> saved = AdamFile.read(dir.resolve("adam.ucb"), model.trainableParameters());
            adam.restore(state.adamSteps(), saved, model.trainableParameters());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + dir, e);
        }
    }

    /** Removes every checkpoint of the arm (once its row is written, they are not needed). */
    public static void deleteAll(Path armDir) {
        try (Stream<Path> s = Files.exists(armDir) ? Files.list(armDir) : Stream.empty()) {
            for (Path p : s.filter(ArmCheckpoint::isCheckpoint).toList()) {
                delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + armDir, e);
        }
    }

    /** Complete checkpoints, oldest first. */
    private static List<Path> complete(Path armDir) {
        if (!Files.isDirectory(armDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(armDir)) {
            return s.filter(ArmCheckpoint::isCheckpoint).filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + armDir, e);
        }
    }

    private static boolean isCheckpoint(Path p) {
        return Files.isDirectory(p) && p.getFileName().toString().startsWith(PREFIX);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
