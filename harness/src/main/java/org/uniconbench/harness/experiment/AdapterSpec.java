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
 */
public record AdapterSpec(double width, int depth, Connector connector, Scope scope, Flow flow) {

    /** Rejects nulls. */
    public AdapterSpec {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(flow, "flow");
    }

    /** The same adapter with another width. */
    public AdapterSpec withWidth(double newWidth) {
        return new AdapterSpec(newWidth, depth, connector, scope, flow);
    }
}
