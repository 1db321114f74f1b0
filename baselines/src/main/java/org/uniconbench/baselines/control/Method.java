package org.uniconbench.baselines.control;

/**
 * The control methods under comparison, each a preset of {@link Scope} and {@link Flow} that an
 * ablation may override.
 */
public enum Method {
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
}
