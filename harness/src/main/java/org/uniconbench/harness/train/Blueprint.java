package org.uniconbench.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetException;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.BackboneKind;
import org.uniconbench.harness.experiment.DitSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.harness.BadInputException;

import java.nio.file.Path;

/**
 * Translates a validated experiment into the objects of the {@code baselines} module: the one
 * place where experiment-file names meet model classes.
 */
public final class Blueprint {

    private Blueprint() {
    }

    /** The U-Net's architecture (for {@code kind: unet}). */
    public static UNetConfig unet(Experiment e) {
        return new UNetConfig(e.backbone().channels(), e.backbone().resBlocks(), e.backbone().groups(),
                1, true);
    }

    /** The transformer's architecture (for {@code kind: dit}). */
    public static DiTConfig dit(Experiment e) {
        DitSpec d = e.backbone().dit();
        return new DiTConfig(e.dataset().resolution(), 1, d.patch(), d.hidden(), d.depth(), d.heads(),
                d.mlpRatio(), d.hidden(), d.longSkips(), d.convMlp());
    }

    /**
     * A backbone of the experiment's kind with freshly initialised weights.
     *
     * @param e the experiment
     * @param device where the weights live
     * @param seed initialisation seed
     * @param trainable true to pre-train it, false for the frozen backbone under control
     * @return the backbone
     */
    public static Backbone backbone(Experiment e, Device device, long seed, boolean trainable) {
        return e.backbone().kind() == BackboneKind.DIT
                ? new Backbone(dit(e), device, seed, trainable)
                : new Backbone(unet(e), device, seed, trainable);
    }

    /**
     * The width the arm's adapter actually has, as a fraction of the backbone's: the copy's first
     * level over the backbone's (U-Net: whole GroupNorm groups kept, {@code k / groups}), or its
     * token width over the backbone's (DiT). 1.0 for a full-width copy, whatever its scope.
     *
     * @param e the experiment
     * @param arm the arm
     * @return the effective width in (0, 1]
     */
    public static double adapterWidth(Experiment e, ArmSpec arm) {
        double width = arm.adapter().width();
        if (e.backbone().kind() == BackboneKind.DIT) {
            DiTConfig base = dit(e);
            return (double) base.scaled(width).hidden() / base.hidden();
        }
        UNetConfig base = unet(e);
        return (double) base.keptGroups(width) / base.groups();
    }

    /** The edge detector of the condition and of the edge F1 metric. */
    public static CannyEdges edges(Experiment e) {
        var c = e.condition();
        return switch (c.kind()) {
            case CANNY -> new CannyEdges(c.blurRadius(), (float) c.cannyLow(), (float) c.cannyHigh());
            case DOWNSAMPLE, MASK, DEPTH -> CannyEdges.defaults();
        };
    }

    /** How condition images are made. */
    public static Condition condition(Experiment e) {
        return switch (e.condition().kind()) {
            case CANNY -> new Condition.Canny(edges(e));
            case DOWNSAMPLE -> new Condition.Downsample(e.condition().factor());
            case MASK -> new Condition.Mask();
            case DEPTH -> new Condition.Depth();
        };
    }

    /** The noise schedule. */
    public static NoiseSchedule schedule(Experiment e) {
        return new NoiseSchedule(e.diffusion().timesteps(), e.diffusion().betaStart(), e.diffusion().betaEnd());
    }

    /**
     * Loads or generates the dataset's splits, with a held-out reference split of at least
     * {@link FeatureStage#REFERENCE_SIZE} real images (the first of them the classifier's test set)
     * and as many as the quality gate's floor draws need ({@link BackboneGate#floorImages}).
     *
     * @throws BadInputException when the data is missing
     */
    public static Datasets.Splits data(Experiment e) {
        int floor = BackboneGate.floorImages(e.evaluation().samples());
        if (e.dataset().kind() == org.uniconbench.baselines.data.DatasetKind.FASHION_MNIST) {
            floor = Math.min(floor, FASHION_TEST_IMAGES - e.dataset().evalSize()); // fewer floor draws, not an error
        }
        return data(e, floor);
    }

    /** Images in Fashion-MNIST's test file, which holds the evaluation and held-out splits. */
    private static final int FASHION_TEST_IMAGES = 10_000;

    /**
     * The splits with a held-out reference split of at least {@code reference} images (and at least
     * the classifier's test set): {@code unicon gate --floor-draws} reads more of it.
     *
     * @throws BadInputException when the data is missing
     */
    static Datasets.Splits data(Experiment e, int reference) {
        var d = e.dataset();
        try {
            return Datasets.load(d.kind(), d.resolution(), d.trainSize(), d.evalSize(),
                    d.path() == null ? null : Path.of(d.path()), e.seeds().get(0), condition(e),
                    Math.max(FeatureStage.REFERENCE_SIZE, reference));
        } catch (DatasetException ex) {
            throw new BadInputException("dataset: " + ex.getMessage());
        }
    }

    /**
     * The device: {@code auto} takes a GPU when DJL finds one.
     *
     * @throws BadInputException when {@code gpu} is asked for and none is found
     */
    public static Device device(Experiment e) {
        Engine engine = Engine.getInstance();
        return switch (e.device()) {
            case CPU -> Device.cpu();
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new BadInputException("device: gpu, but DJL finds no GPU (PyTorch "
                            + engine.getVersion() + " CPU build). Use device: auto or cpu, or put a "
                            + "CUDA libtorch on the class path (see README, CUDA).");
                }
                yield Device.gpu();
            }
        };
    }
}
