package org.uniconbench.harness.experiment;

import java.util.Objects;

/**
 * The {@code arms[i].adapter:} block, resolved.
 *
 * @param width     channel multiplier of the copied blocks, in (0, 1]
 * @param depth     blocks copied per level, 1..backbone res_blocks (defaults to res_blocks)
 * @param connector how adapter features join the backbone (defaults to the method's own)
 */
public record AdapterSpec(double width, int depth, Connector connector) {

    /** Rejects a null connector. */
    public AdapterSpec {
        Objects.requireNonNull(connector, "connector");
    }

    /** The same adapter with another width. */
    public AdapterSpec withWidth(double newWidth) {
        return new AdapterSpec(newWidth, depth, connector);
    }
}
