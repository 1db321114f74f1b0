package org.uniconbench.harness.estimate;

import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.cost.ArmCost;
import org.uniconbench.baselines.cost.CostModel;
import org.uniconbench.baselines.cost.Precision;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.UNetConfig;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.BackboneKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.train.Blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * The predicted cost of every arm of an experiment, at its own batch, resolution and precision or
 * at the command line's.
 *
 * @param experiment the experiment
 * @param batch samples per step
 * @param resolution image (or latent) side
 * @param precision number format
 * @param arms one entry per arm, in the file's order
 */
public record ArmEstimates(Experiment experiment, int batch, int resolution, Precision precision, List<Arm> arms) {

    /**
     * One arm's prediction.
     *
     * @param spec the arm
     * @param cost its cost
     */
    public record Arm(ArmSpec spec, ArmCost cost) {
    }

    /**
     * Prices every arm.
     *
     * @param e the experiment
     * @param batch samples per step, or null for {@code training.batch_size}
     * @param resolution image side, or null for {@code dataset.resolution}
     * @param precision number format, or null for {@code estimate.precision}
     * @return the predictions
     * @throws BadInputException naming the option or key when an arm cannot be built at these settings
     */
    public static ArmEstimates of(Experiment e, Integer batch, Integer resolution, Precision precision) {
        int n = batch == null ? e.training().batchSize() : batch;
        if (n < 1) {
            throw new BadInputException("--batch " + n + " is out of range; allowed: an integer >= 1");
        }
        int r = resolution == null ? e.dataset().resolution() : resolution;
        String resolutionKey = resolution == null ? "dataset.resolution" : "--resolution";
        Precision p = precision == null ? e.estimate().precision() : precision;
        boolean dit = e.backbone().kind() == BackboneKind.DIT;
        if (r < 1) {
            throw new BadInputException(resolutionKey + " " + r + " is out of range; allowed: a positive integer");
        }
        if (dit && r % e.backbone().dit().patch() != 0) {
            throw new BadInputException(resolutionKey + " = " + r + " is not divisible by backbone.patch = "
                    + e.backbone().dit().patch() + "; allowed: a multiple of the patch");
        }
        int divisor = 1 << (e.backbone().channels().size() - 1);
        if (!dit && r % divisor != 0) {
            throw new BadInputException(resolutionKey + " = " + r + " is not divisible by " + divisor + ", which the "
                    + e.backbone().channels().size() + " levels of backbone.channels = " + e.backbone().channels()
                    + " need; allowed: a multiple of " + divisor);
        }
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < e.arms().size(); i++) {
            ArmSpec arm = e.arms().get(i);
            try {
                ArmCost cost;
                if (dit) {
                    cost = CostModel.dit(Blueprint.dit(e).atImageSize(r), arm.adapter(), n, p);
                } else {
                    UNetConfig c = Blueprint.unet(e);
                    cost = CostModel.unet(c, r, arm.adapter(), n, p);
                }
                arms.add(new Arm(arm, cost));
            } catch (IllegalArgumentException ex) {
                throw new BadInputException("arms[" + i + "] (" + arm.name() + ") cannot be built: " + ex.getMessage());
            }
        }
        return new ArmEstimates(e, n, r, p, List.copyOf(arms));
    }

    /** The arm ratios are taken against: the first ControlNet arm, else the first arm. */
    public Arm reference() {
        return arms.stream().filter(a -> a.spec().method() == Method.CONTROLNET).findFirst().orElse(arms.get(0));
    }
}
