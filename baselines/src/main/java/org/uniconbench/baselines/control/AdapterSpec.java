package org.uniconbench.baselines.control;

import java.util.Objects;

/**
 * What adapter to build.
 *
 * @param method ControlNet or UniCon: the preset (and the label comparisons pair by)
 * @param scope which backbone blocks are copied
 * @param flow which way features and gradients flow
 * @param width channel multiplier of the copied blocks, in (0, 1]; narrower copies are
 *     initialised from a slice of the backbone's channels
 * @param depth residual blocks copied per level, 1..backbone res_blocks (U-Net only)
 * @param connector how features are injected
 */
public record AdapterSpec(Method method, Scope scope, Flow flow, double width, int depth, ConnectorKind connector) {

    /** Validates what does not depend on the backbone (see {@link Scope#problem} for what does). */
    public AdapterSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(connector, "connector");
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("adapter width must be in (0, 1], found " + width);
        }
    }

    /**
     * The method's own variant: its scope and flow.
     *
     * @param method ControlNet or UniCon
     * @param width channel multiplier
     * @param depth residual blocks per level
     * @param connector connector kind
     */
    public AdapterSpec(Method method, double width, int depth, ConnectorKind connector) {
        this(method, method.defaultScope(), method.defaultFlow(), width, depth, connector);
    }
}
