package org.uniconbench.baselines.control;

import org.uniconbench.baselines.Spelled;

/**
 * The control methods under comparison ({@code arms[i].method:} in experiment files), each a preset
 * of {@link Scope}, {@link Flow} and {@link ConnectorKind} that an ablation may override.
 */
public enum Method implements Spelled {
    /** Zhang et al. 2023: trainable encoder copy, residuals into the frozen decoder (bidirectional). */
    CONTROLNET(Scope.ENCODER, Flow.BIDIRECTIONAL),
    /** Yu et al. 2025: trainable full copy fed by the forward-only backbone (unidirectional). */
    UNICON(Scope.FULL, Flow.UNIDIRECTIONAL);

    private final Scope scope;
    private final Flow flow;

    Method(Scope scope, Flow flow) {
        this.scope = scope;
        this.flow = flow;
    }

    /** The method's own copy scope. */
    public Scope defaultScope() {
        return scope;
    }

    /** The method's own information flow. */
    public Flow defaultFlow() {
        return flow;
    }

    /** The method's own connector: ControlNet's zero convolution, UniCon's zero feature transform. */
    public ConnectorKind defaultConnector() {
        return this == CONTROLNET ? ConnectorKind.ZERO_CONV : ConnectorKind.ZERO_FT;
    }
}
