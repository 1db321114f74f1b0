package org.uniconbench.harness.arms;

import ai.djl.Device;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.store.JobEnvironment;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.train.ArmCheckpoint;
import org.uniconbench.harness.train.ArmRunner;
import org.uniconbench.harness.train.BackboneStage;
import org.uniconbench.harness.train.Blueprint;
import org.uniconbench.harness.train.Evaluator;
import org.uniconbench.harness.train.FeatureStage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One arm and seed in a process of its own (the {@code arm-run} command that {@link ArmProcess}
 * starts): rebuilds data, frozen backbone and evaluator from the run folder's resolved
 * {@code experiment.yaml} and the caches the parent filled, trains the arm (continuing from its
 * checkpoint if it has one), and writes its samples and its summary row, {@code row.json}, in
 * {@code arms/ARM/seed-SEED/}.
 *
 * <p>The process stops when its parent dies, so that a killed run leaves no arm training behind,
 * and holds a lock on the arm's folder, so that two processes never write one arm.
 */
public final class ArmChild {

    /** The summary row, written when the arm completed or failed. */
    static final String ROW = "row.json";

    private static final long LOCK_WAIT_MS = 15_000;

    private ArmChild() {
    }

    /**
     * The run's experiment as an arm's process and a resumed run see it: the folder's resolved
     * copy, with the output folder set to the folder that holds the run (where the caches are).
     *
     * @param runDir the run folder
     * @return the experiment
     * @throws BadInputException when the folder is not a run folder
     */
    public static Experiment experiment(Path runDir) {
        RunStore.open(runDir);
        Path output = runDir.toAbsolutePath().normalize().getParent();
        return ExperimentLoader.load(runDir.resolve("experiment.yaml")).withOutput(output.toString());
    }

    /**
     * Runs the arm in this process and writes its row.
     *
     * @param runDir the run folder
     * @param armName the arm
     * @param seed the seed (one of the experiment's)
     * @param haltAfterStep for tests: stop abruptly after this step (0: never)
     * @param out progress
     * @return the row
     * @throws BadInputException for an unknown arm or seed
     */
    public static Map<String, Object> run(Path runDir, String armName, int seed, int haltAfterStep, PrintWriter out) {
        Experiment e = experiment(runDir);
        ArmSpec arm = e.arm(armName);
        if (arm == null) {
            throw new BadInputException("no arm named " + armName + " in " + runDir.resolve("experiment.yaml"));
        }
        if (!e.seeds().contains(seed)) {
            throw new BadInputException("seed " + seed + " is not one of the experiment's seeds " + e.seeds());
        }
        stopWithParent();
        RunStore store = RunStore.open(runDir);
        String folder = ArmRunner.folder(arm.name(), seed);
        Path armDir = runDir.resolve(folder);
        try {
            Files.createDirectories(armDir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + armDir, ex);
        }
        try (FileChannel channel = FileChannel.open(armDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lock(channel, armDir)) {
            Device device = Blueprint.device(e);
            Datasets.Splits data = Blueprint.data(e);
            NoiseSchedule schedule = Blueprint.schedule(e);
            Evaluator evaluator = new Evaluator(data.eval(), e.evaluation().samples(),
                    new DdimSampler(schedule, e.evaluation().samplerSteps()), Blueprint.edges(e),
                    e.condition().kind(), device).forSeed(seed);
            Map<String, Object> row;
            List<GrayImage> samples = new ArrayList<>();
            try (Backbone backbone = BackboneStage.load(e, device);
                    FeatureStage.Extractors features = FeatureStage.cached(e, device)) {
                evaluator.useFeatures(features.classifier(), features.random());
                row = ArmRunner.run(e, arm, seed, backbone, data.train(),
                        BackboneStage.checkpoint(e).toAbsolutePath(), new Trainer(schedule), evaluator, store, out,
                        samples, haltAfterStep);
            }
            row.putAll(JobEnvironment.rowFields(System.getenv())); // a Slurm job's id, node, partition; else nothing
            for (int i = 0; i < samples.size(); i++) {
                store.writePng(folder + "/samples/" + String.format(Locale.ROOT, "%03d.png", i), samples.get(i));
            }
            store.writeJson(folder + "/" + ROW, row);
            ArmCheckpoint.deleteAll(armDir); // the row is the result; the training state is not needed any more
            out.flush();
            return row;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot lock " + armDir, ex);
        }
    }

    /** Waits a little for the arm's lock: a process of a killed run may still be on its way out. */
    private static FileLock lock(FileChannel channel, Path armDir) throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("another process is running the arm in " + armDir);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        }
    }

    /** Halts this process within a second of its parent's death (a kill -9 of the run). */
    private static void stopWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ex) {
                    return;
                }
            }
            Runtime.getRuntime().halt(ArmRunner.HALTED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
