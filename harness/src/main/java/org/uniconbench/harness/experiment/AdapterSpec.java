package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Scope;

import java.util.Objects;

/**
 * The {@code arms[i].adapter:} block, resolved.
 *
 * @param width     channel multiplier of the copied blocks, in (0, 1]
 * @param depth     blocks copied per level, 1..backbone res_blocks (defaults to res_blocks)
 * @param connector how adapter features join the backbone (defaults to the method's own)
 * @param scope     which backbone blocks are copied (defaults to the method's own: controlnet encoder,
 *                  unicon full)
 * @param flow      which way features and gradients flow (defaults to the method's own: controlnet
 *                  bidirectional, unicon unidirectional)
 * @param init      how the copied blocks start: the backbone's slice, or the slice distilled to the
 *                  backbone's noise prediction first
 * @param distillSteps steps of that distillation: 0 for {@code slice}, at least 1 for {@code distill}
 * @param distillLearningRate Adam's learning rate while distilling; null: training.learning_rate
 */
public record AdapterSpec(double width, int depth, Connector connector, Scope scope, Flow flow, AdapterInit init,
        int distillSteps, Double distillLearningRate) {

    /**
     * An adapter initialised by slicing only.
     *
     * @param width channel multiplier
     * @param depth blocks copied per level
     * @param connector connector kind
     * @param scope copied blocks
     * @param flow information flow
     */
    public AdapterSpec(double width, int depth, Connector connector, Scope scope, Flow flow) {
        this(width, depth, connector, scope, flow, AdapterInit.SLICE, 0, null);
    }

    /** Rejects nulls and distillation steps that do not match the init. */
    public AdapterSpec {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(init, "init");
        if ((init == AdapterInit.DISTILL) != (distillSteps > 0) || distillSteps < 0) {
            throw new IllegalArgumentException("distillSteps must be > 0 exactly when init is distill, found "
                    + init + " with " + distillSteps);
        }
    }

    /** The same adapter with another width. */
    public AdapterSpec withWidth(double newWidth) {
        return new AdapterSpec(newWidth, depth, connector, scope, flow, init, distillSteps, distillLearningRate);
    }
}
