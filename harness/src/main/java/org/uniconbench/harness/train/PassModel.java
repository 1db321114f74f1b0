package org.uniconbench.harness.train;

import ai.djl.Device;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What a fresh-JVM pass ({@link MemoryPass}, {@link TimingPass}) trains: the frozen backbone loaded
 * from the run's checkpoint, the arm's adapter built at the seed, the training images and the trainer.
 * Built the same way for both passes so that they measure the same model; closing it closes the
 * adapter, then the backbone.
 *
 * @param device where it trains
 * @param backbone the frozen backbone
 * @param model the arm's controlled model
 * @param data the experiment's splits
 * @param trainer the experiment's trainer
 */
record PassModel(Device device, Backbone backbone, ControlledModel model, Datasets.Splits data, Trainer trainer)
        implements
            AutoCloseable {

    /**
     * Builds the pass's model.
     *
     * @param e the experiment
     * @param arm the arm
     * @param seed the seed
     * @param checkpoint the frozen backbone's checkpoint
     * @return the open model; the caller closes it
     */
    static PassModel open(Experiment e, ArmSpec arm, int seed, Path checkpoint) {
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        Trainer trainer = new Trainer(Blueprint.schedule(e));
        Backbone backbone = Blueprint.backbone(e, device, e.seeds().get(0), false);
        try {
            Checkpoint.load(checkpoint, backbone.parameters());
            return new PassModel(device, backbone, new ControlledModel(backbone, arm.adapter(), seed), data, trainer);
        } catch (IOException ex) {
            backbone.close();
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            backbone.close();
            throw ex;
        }
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            backbone.close();
        }
    }
}
