package org.uniconbench.harness.train;

import ai.djl.Device;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.baselines.train.LrSchedule;
import org.uniconbench.baselines.train.StepRecord;
import org.uniconbench.baselines.train.Ema;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.train.TrainingData;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.BackboneKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.store.CacheEntry;
import org.uniconbench.harness.store.CacheLock;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The first stage of a run: a frozen backbone, from the experiment's checkpoint, from the cache
 * (keyed by a hash of everything that determines the pre-trained weights), or pre-trained now and
 * cached so that the next run of the experiment skips it. A pre-training saves its state beside the
 * cache entry as it goes ({@link PretrainCheckpoint}), so one that was stopped continues where it
 * stopped, to the same weights, bit for bit on the CPU. A finished constant-rate pre-training keeps its
 * last state, and a longer one of the same recipe ({@link #trajectoryKey}) starts from it.
 */
public final class BackboneStage {

    /** Bump when the architecture code or the pre-training recipe changes meaning. */
    static final String RECIPE_VERSION = "unet-v1";

    /** Names the EMA's warm-up rule ({@link Ema#decayAt}) in the cache key; bump if it changes. */
    static final String EMA_WARMUP = "tf-num-updates";

    /** The pre-training's loss log in the run folder. */
    private static final String LOG = "backbone/metrics.jsonl";

    private BackboneStage() {
    }

    /**
     * The cache key: a hash of architecture, pre-training budget, the weight average (when on),
     * diffusion schedule, training data and seed.
     */
    static String cacheKey(Experiment e) {
        var p = e.backbone().pretrain();
        // the cooldown only in the cache key: up to it the pre-training is on the constant-rate trajectory
        return p.cooldown() ? hash(canonical(e, "steps=" + p.steps()) + "|cooldown=" + p.cooldownSteps())
                : constantRunKey(e, p.steps());
    }

    /** The cache key of the constant-rate pre-training of {@code steps} steps with {@code e}'s recipe. */
    private static String constantRunKey(Experiment e, int steps) {
        return hash(canonical(e, "steps=" + steps));
    }

    /**
     * The key of the pre-training's trajectory: the cache key's recipe without its length and cooldown,
     * or null when the learning rate depends on the length (a cosine schedule). Two pre-trainings with
     * one trajectory key take the same steps up to the shorter one's end, or its cooldown's start
     * ({@link PretrainCheckpoint}).
     */
    static String trajectoryKey(Experiment e) {
        return e.backbone().pretrain().lrSchedule() == LrSchedule.CONSTANT
                ? hash("trajectory|" + canonical(e, "steps=any")) : null;
    }

    /** The last step a pre-training takes on its constant-rate trajectory (before its cooldown, if any). */
    private static int lastConstantStep(Experiment e) {
        var p = e.backbone().pretrain();
        return p.cooldown() ? p.steps() - p.cooldownSteps() : p.steps() - 1;
    }

    /**
     * Where a pre-training with a cooldown keeps its state at the cooldown's start: the final-state folder
     * of the constant-rate pre-training that ends at that step, which would have left exactly that state.
     * A longer constant-rate pre-training, or a cooldown of another length, continues from it. Null
     * without a cooldown, or when the cooldown takes every step.
     */
    static Path cooldownStartFinal(Experiment e) {
        int start = lastConstantStep(e);
        if (!e.backbone().pretrain().cooldown() || start == 0) {
            return null;
        }
        return PretrainCheckpoint
                .finalFolder(checkpoint(e).resolveSibling("backbone-" + constantRunKey(e, start) + ".ucb"));
    }

    /** The trajectory a pre-training's states and final state are marked with: none when they leave it. */
    private static String keptTrajectory(Experiment e) {
        return e.backbone().pretrain().cooldown() ? null : trajectoryKey(e);
    }

    private static String canonical(Experiment e, String steps) {
        var b = e.backbone();
        var d = e.dataset();
        String architecture = b.kind() == BackboneKind.DIT
                ? "dit=" + b.dit().cacheKeyPart() // U-Net keys stay as they were, so earlier caches remain valid
                : "channels=" + b.channels() + "|resBlocks=" + b.resBlocks() + "|groups=" + b.groups();
        String canonical = String.join("|", RECIPE_VERSION, architecture, steps,
                "batch=" + b.pretrain().batchSize(), "lr=" + b.pretrain().learningRate(),
                "T=" + e.diffusion().timesteps(), "betas=" + e.diffusion().betaStart() + "," + e.diffusion().betaEnd(),
                "data=" + d.kind() + "," + d.resolution() + "," + d.trainSize() + "," + d.effectivePath(),
                "seed=" + e.seeds().get(0));
        if (b.pretrain().ema()) { // appended only when on, so keys without EMA stay as they were
            canonical += "|ema=" + b.pretrain().emaDecay() + ",warmup=" + EMA_WARMUP;
        }
        if (b.pretrain().lrSchedule() != LrSchedule.CONSTANT) { // likewise: constant-rate keys stay as they were
            canonical += "|lrSchedule=" + b.pretrain().lrSchedule().yamlName();
        }
        if (b.pretrain().minSnr()) { // likewise: unweighted keys stay as they were
            canonical += "|minSnrGamma=" + b.pretrain().minSnrGamma();
        }
        return canonical;
    }

    private static String hash(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Where the frozen backbone's weights are: the configured checkpoint or the cache entry. */
    public static Path checkpoint(Experiment e) {
        return e.backbone().checkpoint() != null ? Path.of(e.backbone().checkpoint())
                : Path.of(e.output()).resolve(".cache").resolve("backbone-" + cacheKey(e) + ".ucb");
    }

    /**
     * Returns the frozen backbone, pre-training it first when no checkpoint exists. A pre-training
     * saves its state every {@link PretrainCheckpoint#EVERY} steps and continues from the last one
     * saved for the same cache key when it was stopped.
     *
     * @param e the experiment
     * @param device where to put it
     * @param train the training split (for pre-training)
     * @param trainer the trainer
     * @param store the run folder (records backbone.json and, when pre-training, its loss log)
     * @param out progress output
     * @return the frozen backbone
     */
    public static Backbone frozen(Experiment e, Device device, TrainingData train, Trainer trainer,
            RunStore store, PrintWriter out) {
        return frozen(e, device, train, trainer, store, out, null);
    }

    /**
     * {@link #frozen(Experiment, Device, TrainingData, Trainer, RunStore, PrintWriter)} with the
     * quality gate measured during the pre-training ({@link GateCurve}) when {@code gate} is given.
     *
     * @param gate the gate of {@code backbone.pretrain.gate_every} ({@link BackboneGate#of}), or null
     */
    public static Backbone frozen(Experiment e, Device device, TrainingData train, Trainer trainer,
            RunStore store, PrintWriter out, BackboneGate gate) {
        return frozen(e, device, train, trainer, store, out, gate, PretrainCheckpoint.EVERY, step -> {});
    }

    /**
     * {@link #frozen(Experiment, Device, TrainingData, Trainer, RunStore, PrintWriter)} with the
     * pre-training's state saved every {@code every} steps, and {@code afterStep} called after each
     * step and its save (tests stop a pre-training there by throwing).
     */
    static Backbone frozen(Experiment e, Device device, TrainingData train, Trainer trainer, RunStore store,
            PrintWriter out, int every, IntConsumer afterStep) {
        return frozen(e, device, train, trainer, store, out, null, every, afterStep);
    }

    /** The same, with the gate curve of {@code gate} (null for none). */
    static Backbone frozen(Experiment e, Device device, TrainingData train, Trainer trainer, RunStore store,
            PrintWriter out, BackboneGate gate, int every, IntConsumer afterStep) {
        long seed = e.seeds().get(0);
        Map<String, Object> record = new LinkedHashMap<>();
        Path checkpoint;
        if (e.backbone().checkpoint() != null) {
            checkpoint = Path.of(e.backbone().checkpoint());
            if (!Files.isRegularFile(checkpoint)) {
                throw new BadInputException("backbone.checkpoint: " + checkpoint.toAbsolutePath()
                        + " not found; remove the key to pre-train a backbone, or point it at a "
                        + "backbone-*.ucb file from a run's cache folder");
            }
            record.put("source", "checkpoint");
        } else {
            checkpoint = checkpoint(e);
            record.put("cacheKey", cacheKey(e));
            // runs started together: one pre-trains, the others wait for the lock and then load its file
            try (CacheLock lock = CacheLock.acquire(checkpoint, out)) {
                if (CacheEntry.usable(checkpoint, "backbone", out)) {
                    out.println("backbone: cached checkpoint " + checkpoint + " (pre-training skipped)");
                    record.put("source", "cache");
                    List<Map<String, Object>> curve = GateCurve.readBeside(checkpoint);
                    if (curve != null) { // measured by the pre-training that made the entry
                        record.put("gateCurve", curve);
                        record.put("gateCurveSource", "the pre-training that made the cache entry");
                    }
                } else {
                    record.put("source", "pretrained");
                    record.putAll(
                            pretrain(e, device, seed, train, trainer, checkpoint, store, out, gate, every, afterStep));
                }
            }
        }
        record.put("checkpoint", checkpoint.toAbsolutePath().toString());
        Backbone frozen = Blueprint.backbone(e, device, seed, false);
        try {
            Checkpoint.load(checkpoint, frozen.parameters());
        } catch (IllegalArgumentException | Checkpoint.CorruptCheckpointException ex) {
            frozen.close();
            throw new BadInputException("backbone.checkpoint: " + ex.getMessage()
                    + (e.backbone().checkpoint() == null ? "" : "; point the key at an intact file"));
        } catch (IOException ex) {
            frozen.close();
            throw new UncheckedIOException("cannot read " + checkpoint, ex);
        }
        record.put("parameters", frozen.parameters().count(false));
        store.writeJson("backbone.json", record);
        return frozen;
    }

    /**
     * What a run of the file will do for its backbone, read from the cache without changing it (what
     * {@code unicon validate} prints): load a checkpoint, or pre-train, from step 0 or from a saved
     * state.
     *
     * @param e the experiment
     * @return one sentence
     */
    public static String plan(Experiment e) {
        Path checkpoint = checkpoint(e);
        if (e.backbone().checkpoint() != null) {
            return "loaded from backbone.checkpoint " + checkpoint.toAbsolutePath();
        }
        if (Files.isRegularFile(checkpoint)) {
            return "cached: " + checkpoint + " (checked when loaded)";
        }
        int steps = e.backbone().pretrain().steps();
        PretrainCheckpoint.Saved saved = PretrainCheckpoint.start(checkpoint, steps, trajectoryKey(e),
                lastConstantStep(e), new PrintWriter(Writer.nullWriter()));
        if (saved == null) {
            return "pre-trained at run time: " + steps + " steps from step 0, then cached as " + checkpoint;
        }
        return "pre-trained at run time: " + steps + " steps, " + (saved.isShorterRun()
                ? "continuing the finished " + saved.state().step() + "-step pre-training of the same recipe"
                : "resuming the saved state after step " + saved.state().step()) + " (" + saved.dir() + ")";
    }

    /**
     * The frozen backbone from {@link #checkpoint}, which {@link #frozen} made or checked: what an
     * arm's process trains its adapter against.
     */
    public static Backbone load(Experiment e, Device device) {
        Path checkpoint = checkpoint(e);
        Backbone frozen = Blueprint.backbone(e, device, e.seeds().get(0), false);
        try {
            Checkpoint.load(checkpoint, frozen.parameters());
            return frozen;
        } catch (IOException | RuntimeException ex) {
            frozen.close();
            throw new IllegalStateException("cannot load the backbone " + checkpoint.toAbsolutePath() + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static Map<String, Object> pretrain(Experiment e, Device device, long seed, TrainingData train,
            Trainer trainer, Path checkpoint, RunStore store, PrintWriter out, BackboneGate gate, int every,
            IntConsumer afterStep) {
        var p = e.backbone().pretrain();
        out.printf("backbone: pre-training %d steps (batch %d, lr %s%s%s)%s, cached afterwards as %s%n", p.steps(),
                p.batchSize(), p.learningRate(),
                (p.lrSchedule() == LrSchedule.CONSTANT ? "" : " " + p.lrSchedule().yamlName() + " to 0")
                        + (p.cooldown() ? ", linearly to 0 over the last " + p.cooldownSteps() + " steps" : ""),
                p.minSnr() ? ", loss weighted by min-SNR-" + p.minSnrGamma() : "",
                p.ema() ? ", EMA of the weights with decay " + p.emaDecay() + " cached" : "", checkpoint);
        long start = System.nanoTime();
        double[] earlier = {0}; // seconds of the sessions before this one
        double[] last = {Double.NaN};
        Map<String, Object> gateFacts = new LinkedHashMap<>(); // the gate curve's, written after the others
        long[] gateNanos = {0}; // this session's gate points, kept out of pretrainSeconds
        int done = 0;
        String trajectory = keptTrajectory(e); // marks the states; null after a cooldown has left it
        String continuedFrom = null; // the final state of a shorter pre-training this one starts from
        Path partial = PretrainCheckpoint.folder(checkpoint);
        Path logFile = store.dir().resolve(LOG);
        Path gateFile = gate == null ? null : store.dir().resolve(GateCurve.FILE); // GateCurve.open: no gate, no curve
        Path cooldownStartFinal = cooldownStartFinal(e);
        DoubleSupplier seconds = () -> earlier[0] + (System.nanoTime() - start - gateNanos[0]) / 1e9; // every session's
        try (Backbone backbone = Blueprint.backbone(e, device, seed, true);
                Ema ema = p.ema() ? new Ema(p.emaDecay(), backbone.parameters().all()) : null) {
            Adam adam = new Adam(p.rates());
            IntFunction<PretrainCheckpoint.State> stateAfter = step -> new PretrainCheckpoint.State(step, adam.steps(),
                    ema == null ? 0 : ema.updates(), seconds.getAsDouble(), trajectory);
            List<String> kept = List.of();
            List<String> keptGate = List.of();
            PretrainCheckpoint.Saved saved = PretrainCheckpoint.start(checkpoint, p.steps(), trajectoryKey(e),
                    lastConstantStep(e), out);
            if (saved != null) {
                try {
                    keptGate = PretrainCheckpoint.gateLines(saved); // read before restore changes anything
                    kept = PretrainCheckpoint.restore(saved, backbone, adam, ema);
                    done = saved.state().step();
                    earlier[0] = saved.state().pretrainSeconds();
                    if (saved.isShorterRun()) {
                        continuedFrom = saved.dir().getFileName().toString();
                        out.printf("backbone: continuing the finished %d-step pre-training of the same recipe at a "
                                + "constant rate (state in %s) to step %d%n", done, saved.dir(), p.steps());
                    } else {
                        out.printf("backbone: resuming pre-training after step %d of %d (state in %s)%n", done,
                                p.steps(), saved.dir());
                    }
                } catch (IOException ex) {
                    out.println("backbone: the pre-training state in " + saved.dir() + " cannot be used ("
                            + ex.getMessage() + "); pre-training from step 0");
                }
            }
            // the saved lines up to the state's step; none of an attempt cut off before its first save
            store.writeText(LOG, kept.stream().map(line -> line + "\n").collect(Collectors.joining()));
            try (GateCurve curve = GateCurve.open(e, gate, device, store, out, keptGate, done);
                    RunStore.JsonLines log = store.lines(LOG)) {
                Progress progress = new Progress(out, "backbone", p.steps(), e.training().logEvery(), done, null);
                trainer.train(backbone, train,
                        new TrainOptions(p.steps(), p.batchSize(), p.learningRate(), seed).withMinSnr(p.minSnrGamma()),
                        adam, done, reported -> {
                            StepRecord step = FaultInjection.apply("backbone", reported);
                            if (ema != null) { // after the optimiser's update, before anything reads the step
                                ema.update(backbone.parameters().all());
                            }
                            if (!Double.isFinite(step.loss())) {
                                // nothing is cached and no arm runs: the setting diverges, the user changes it
                                throw new BadInputException("backbone pre-training diverged: loss "
                                        + step.loss() + " at step " + step.step() + " (nothing cached); lower "
                                        + "backbone.pretrain.learning_rate (now " + p.learningRate() + ")");
                            }
                            last[0] = step.loss();
                            log.append(ArmRunner.stepLine(step));
                            progress.step(step.step(), step.loss());
                            if (curve != null && curve.due(step.step())) { // reads the weights, changes nothing
                                curve.record(step.step(), backbone, ema);
                                gateNanos[0] = curve.excludedNanos();
                            }
                            if (step.step() % every == 0 && step.step() < p.steps()) {
                                PretrainCheckpoint.save(partial, stateAfter.apply(step.step()), backbone, adam, ema,
                                        logFile, gateFile);
                            }
                            if (cooldownStartFinal != null && step.step() == lastConstantStep(e)) {
                                // still on the constant-rate trajectory: kept as that shorter run's end
                                PretrainCheckpoint.save(cooldownStartFinal,
                                        stateAfter.apply(step.step()).onTrajectory(trajectoryKey(e)), backbone, adam,
                                        ema, logFile, gateFile);
                            }
                            afterStep.accept(step.step());
                        });
                if (curve != null) {
                    gateFacts.put("gateEvery", p.gateEvery());
                    gateFacts.put("gateCurve", curve.points());
                    gateFacts.put("gateSeconds", curve.seconds()); // every session's, apart from pretrainSeconds
                    curve.saveBeside(checkpoint);
                }
            } catch (BadInputException diverged) {
                PretrainCheckpoint.deleteAll(partial); // a state on the way to NaN is not worth continuing
                throw diverged;
            }
            if (trajectory != null) { // kept for a longer pre-training; before the average replaces the weights
                PretrainCheckpoint.save(PretrainCheckpoint.finalFolder(checkpoint), stateAfter.apply(p.steps()),
                        backbone, adam, ema, logFile, gateFile);
            }
            if (ema != null) { // the average is what every arm freezes and the quality gate samples
                ema.copyTo(backbone.parameters().all());
            }
            Checkpoint.save(backbone.parameters(), checkpoint);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot save " + checkpoint, ex);
        }
        PretrainCheckpoint.deleteAll(partial);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pretrainSeconds", seconds.getAsDouble()); // every session's
        facts.put("pretrainFinalLoss", last[0]); // of the training weights, not the average
        if (done > 0) {
            facts.put("pretrainResumedFromStep", done);
        }
        if (continuedFrom != null) { // its seconds are in pretrainSeconds: the cost of these weights from step 0
            facts.put("pretrainContinuedFrom", continuedFrom);
        }
        if (p.ema()) {
            facts.put("emaDecay", p.emaDecay());
        }
        if (p.lrSchedule() != LrSchedule.CONSTANT) {
            facts.put("lrSchedule", p.lrSchedule().yamlName());
        }
        if (p.minSnr()) {
            facts.put("minSnrGamma", p.minSnrGamma());
        }
        if (p.cooldown()) {
            facts.put("cooldownSteps", p.cooldownSteps());
        }
        facts.putAll(gateFacts);
        return facts;
    }
}
