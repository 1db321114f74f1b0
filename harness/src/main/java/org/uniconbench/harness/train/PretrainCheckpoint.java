package org.uniconbench.harness.train;

import ai.djl.Device;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.baselines.train.Ema;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.files.AtomicFile;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A backbone pre-training's resumable state, saved next to its cache entry every {@link #EVERY}
 * steps, so that a pre-training killed after an hour continues where it stopped instead of at step 0.
 *
 * <pre>
 * .cache/backbone-KEY.partial/backbone.ucb    the training weights after the step
 * .cache/backbone-KEY.partial/adam.ucb        Adam's moments (first.NAME, second.NAME)
 * .cache/backbone-KEY.partial/ema.ucb         the weight average's shadows (with ema_decay only)
 * .cache/backbone-KEY.partial/metrics.jsonl   the pre-training's log up to the step
 * .cache/backbone-KEY.partial/gate.jsonl      the gate curve's points up to the step (with gate_every only)
 * .cache/backbone-KEY.partial/state.json      step, Adam's and the EMA's update counts, seconds so far,
 *                                             the recipe's trajectory key (null before it existed)
 * .cache/backbone-KEY.final/                  the same files after the last step, kept when the rate is
 *                                             constant, so that a longer pre-training continues from it
 * </pre>
 * {@code state.json} is written last: a folder without it was cut off while being written and is
 * ignored. A new state is written into {@code backbone-KEY.partial.tmp/} and then renamed into place;
 * the previous one is moved aside to {@code backbone-KEY.partial.old/} for the moment between the
 * two renames, so a kill at any point leaves one complete state. With the same cache key the
 * backbone, data and seed are the same, so the state continues exactly the pre-training that
 * {@link BackboneStage} would run; the folder is deleted once the cache entry is saved, or when the
 * pre-training diverges.
 *
 * <p>With a constant learning rate nothing a step does depends on the run's length: the random stream
 * is drawn step by step from the seed, and the rate is the same. So step K of a 20000-step
 * pre-training is step K of a 60000-step one with the same recipe (the same
 * {@link BackboneStage#trajectoryKey}), and a finished pre-training's last state, kept in
 * {@code backbone-KEY.final/}, lets the longer one start at step 20000 instead of step 0. A cosine
 * schedule's rates depend on the length, so its states are not kept. A pre-training with a cooldown
 * is on that trajectory up to the cooldown's start, so it keeps its state there as the final state of
 * the constant-rate run that ends at that step ({@link BackboneStage#cooldownStartFinal}); its own end
 * is off the trajectory and is not kept.
 */
final class PretrainCheckpoint {

    /**
     * Steps between saves: at dit-backbone-gate.yaml's 283.5 ms per step a kill loses at most about
     * five minutes, and a save (its 4.3M parameters four times over: weights, two moments, the
     * average, 70 MB) is written 19 times in its 20000 steps.
     */
    static final int EVERY = 1000;

    private static final String STATE = "state.json";
    private static final String WEIGHTS = "backbone.ucb";
    private static final String ADAM = "adam.ucb";
    private static final String EMA = "ema.ucb";
    private static final String LOG = "metrics.jsonl";
    private static final String GATE = "gate.jsonl";
    private static final String FINAL = ".final";

    private PretrainCheckpoint() {
    }

    /**
     * What a state says besides the tensors.
     *
     * @param step pre-training steps taken
     * @param adamSteps Adam's update count
     * @param emaUpdates the average's update count (0 without one)
     * @param pretrainSeconds wall time spent pre-training so far, over every process that worked on it
     * @param trajectory {@link BackboneStage#trajectoryKey} of the recipe, null when the rate depends on
     *     the length (or in a state saved before the key existed)
     */
    record State(int step, int adamSteps, int emaUpdates, double pretrainSeconds, String trajectory) {

        /** The same state marked with {@code trajectoryKey}. */
        State onTrajectory(String trajectoryKey) {
            return new State(step, adamSteps, emaUpdates, pretrainSeconds, trajectoryKey);
        }
    }

    /** The state's folder beside the cache entry {@code backbone-KEY.ucb}: {@code backbone-KEY.partial}. */
    static Path folder(Path cacheEntry) {
        String name = cacheEntry.getFileName().toString();
        return cacheEntry.resolveSibling(name.substring(0, name.length() - ".ucb".length()) + ".partial");
    }

    /**
     * The final state's folder beside the cache entry {@code backbone-KEY.ucb}: {@code backbone-KEY.final},
     * the state after the last step (training weights, not the average) of a constant-rate pre-training.
     */
    static Path finalFolder(Path cacheEntry) {
        String name = cacheEntry.getFileName().toString();
        return cacheEntry.resolveSibling(name.substring(0, name.length() - ".ucb".length()) + FINAL);
    }

    /**
     * The longest finished pre-training of the same trajectory that ends at step {@code maxStep} or
     * before: its final state, from which the pre-training to run continues exactly as if it had run
     * from step 0 (same weights at step 0, same random stream, same constant rate up to
     * {@code maxStep}), or null when there is none.
     *
     * @param cache the cache folder
     * @param trajectory {@link BackboneStage#trajectoryKey} of the pre-training to run
     * @param maxStep the last step it takes at the constant rate (its length - 1 without a cooldown)
     * @param out where an unreadable state is reported
     * @return the state and its folder, or null
     */
    static Saved longestShorter(Path cache, String trajectory, int maxStep, PrintWriter out) {
        if (!Files.isDirectory(cache)) {
            return null;
        }
        Saved best = null;
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path dir : entries.filter(d -> d.getFileName().toString().endsWith(FINAL)).sorted().toList()) {
                if (!isComplete(dir)) {
                    continue;
                }
                try {
                    State state = RunStore.JSON.readValue(dir.resolve(STATE).toFile(), State.class);
                    if (trajectory.equals(state.trajectory()) && state.step() > 0 && state.step() <= maxStep
                            && (best == null || state.step() > best.state().step())) {
                        best = new Saved(dir, state);
                    }
                } catch (IOException e) {
                    out.println("backbone: the final pre-training state in " + dir + " cannot be read ("
                            + e.getMessage() + "); ignored");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + cache, e);
        }
        return best;
    }

    /**
     * Saves the state after {@code state.step()}, replacing the previous one.
     *
     * @param folder the state's folder ({@link #folder})
     * @param state step, update counts, seconds
     * @param backbone the backbone being pre-trained
     * @param adam its optimiser
     * @param ema its weight average, or null
     * @param log the pre-training's log so far (the run's {@code backbone/metrics.jsonl})
     * @param gate the gate curve's points so far ({@link GateCurve#FILE}), or null without a curve
     */
    static void save(Path folder, State state, Backbone backbone, Adam adam, Ema ema, Path log, Path gate) {
        Path tmp = sibling(folder, ".tmp");
        Path old = sibling(folder, ".old");
        try {
            delete(tmp); // what a kill during an earlier save left
            Files.createDirectories(tmp);
            Checkpoint.save(backbone.parameters(), tmp.resolve(WEIGHTS));
            AdamFile.save(tmp.resolve(ADAM), adam, backbone.parameters());
            if (ema != null) {
                try (ParameterSet shadows = new ParameterSet(Device.cpu())) {
                    for (Map.Entry<String, float[]> s : ema.shadows().entrySet()) {
                        var shape = backbone.parameters().get(s.getKey()).array().getShape();
                        shadows.add(s.getKey(), shape, s.getValue(), false, null);
                    }
                    Checkpoint.save(shadows, tmp.resolve(EMA));
                }
            }
            Files.copy(log, tmp.resolve(LOG), StandardCopyOption.REPLACE_EXISTING);
            if (gate != null) {
                Files.copy(gate, tmp.resolve(GATE), StandardCopyOption.REPLACE_EXISTING);
            }
            AtomicFile.writeString(tmp.resolve(STATE), RunStore.JSON.writeValueAsString(state));
            // swap: from here on either the previous state or this one is complete at every moment
            if (isComplete(folder)) {
                delete(old);
                move(folder, old);
            } else {
                delete(folder);
            }
            move(tmp, folder);
            delete(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the pre-training state " + folder, e);
        }
    }

    /**
     * The complete state to continue from, or null when there is none: none saved, cut off before its
     * {@code state.json}, or not a step of a pre-training of {@code steps} steps.
     *
     * @param folder the state's folder ({@link #folder})
     * @param steps the pre-training's steps
     * @param out where an unreadable state is reported
     * @return the state and the folder it is in, or null
     */
    static Saved latest(Path folder, int steps, PrintWriter out) {
        for (Path dir : List.of(folder, sibling(folder, ".old"))) { // .old: a kill between save's two renames
            if (!isComplete(dir)) {
                continue;
            }
            try {
                State state = RunStore.JSON.readValue(dir.resolve(STATE).toFile(), State.class);
                if (state.step() > 0 && state.step() < steps) {
                    return new Saved(dir, state);
                }
                out.println("backbone: the pre-training state in " + dir + " is at step " + state.step()
                        + " of " + steps + "; ignored");
            } catch (IOException e) {
                out.println("backbone: the pre-training state in " + dir + " cannot be read (" + e.getMessage()
                        + "); ignored");
            }
        }
        return null;
    }

    /**
     * A complete state and where it is.
     *
     * @param dir its folder
     * @param state what its {@code state.json} says
     */
    record Saved(Path dir, State state) {
        /** Whether it is a shorter finished pre-training's final state rather than this one's own. */
        boolean isShorterRun() {
            return dir.getFileName().toString().endsWith(FINAL);
        }
    }

    /**
     * Where a pre-training of {@code steps} starts: its own saved state when there is one ({@link #latest}),
     * else the longest shorter finished pre-training of its trajectory ({@link #longestShorter}), else
     * null (step 0).
     *
     * @param cacheEntry the cache entry {@code backbone-KEY.ucb} it will make
     * @param steps its length
     * @param trajectory {@link BackboneStage#trajectoryKey}, null when its rate depends on the length
     * @param maxShorterStep the last step it takes on the constant-rate trajectory
     * @param out where an unreadable state is reported
     * @return the state to restore, or null
     */
    static Saved start(Path cacheEntry, int steps, String trajectory, int maxShorterStep, PrintWriter out) {
        Saved own = latest(folder(cacheEntry), steps, out);
        return own != null || trajectory == null ? own
                : longestShorter(cacheEntry.getParent(), trajectory, maxShorterStep, out);
    }

    /**
     * Loads a state into a freshly built backbone, optimiser and average. Every file is read and
     * checked before anything is changed, so on failure they are as they were built.
     *
     * @param saved the state ({@link #latest})
     * @param backbone the backbone, built as at the start of pre-training
     * @param adam a new optimiser
     * @param ema a new average, or null
     * @return the saved log lines up to the state's step
     * @throws IOException when a file is missing, damaged ({@link Checkpoint.CorruptCheckpointException})
     *     or of another architecture
     */
    static List<String> restore(Saved saved, Backbone backbone, Adam adam, Ema ema) throws IOException {
        Path dir = saved.dir();
        List<ParameterSet.Parameter> trainable = backbone.trainableParameters();
        try (ParameterSet shadows = new ParameterSet(Device.cpu())) {
            Map<String, float[][]> state = AdamFile.read(dir.resolve(ADAM), trainable);
            if (ema != null) {
                for (ParameterSet.Parameter p : backbone.parameters().all()) {
                    shadows.add(p.name(), p.array().getShape(), new float[(int) p.size()], false, null);
                }
                Checkpoint.load(dir.resolve(EMA), shadows);
            }
            List<String> log = Files.readAllLines(dir.resolve(LOG));
            Checkpoint.load(dir.resolve(WEIGHTS), backbone.parameters()); // checks the whole file before setting
            adam.restore(saved.state().adamSteps(), state, trainable);
            if (ema != null) {
                Map<String, float[]> average = new LinkedHashMap<>();
                shadows.all().forEach(p -> average.put(p.name(), p.array().toFloatArray()));
                ema.restore(saved.state().emaUpdates(), average);
            }
            return log;
        } catch (IllegalArgumentException e) { // names or shapes of another architecture
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The gate curve's points saved with a state ({@link GateCurve}), none when it was saved
     * without a curve.
     *
     * @param saved the state ({@link #latest})
     * @return the points' lines
     * @throws IOException when the file cannot be read
     */
    static List<String> gateLines(Saved saved) throws IOException {
        Path file = saved.dir().resolve(GATE);
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }

    /** Removes the state and whatever a kill during a save left beside it. */
    static void deleteAll(Path folder) {
        try {
            delete(folder);
            delete(sibling(folder, ".tmp"));
            delete(sibling(folder, ".old"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pre-training state " + folder, e);
        }
    }

    private static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    private static Path sibling(Path folder, String suffix) {
        return folder.resolveSibling(folder.getFileName() + suffix);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
