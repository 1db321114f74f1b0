package org.uniconbench.harness.experiment;

/** How adapter features join the backbone ({@code arms[i].adapter.connector:}). */
public enum Connector {
    /** A 1x1 convolution initialised to zero whose output is added as a residual (ControlNet). */
    ZERO_CONV("zero-conv"),
    /** The same on DiT tokens: a zero-initialised linear layer (the paper's ZeroMLP). */
    ZERO_MLP("zero-mlp"),
    /** UniCon's zero-initialised feature-transform connector. */
    ZERO_FT("zero-ft"),
    /** The adapter's tokens attend to the backbone's through a zero-initialised projection; DiT only. */
    SHARED_ATTENTION("shared-attention");

    private final String yamlName;

    Connector(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code zero-ft}. */
    public String yamlName() {
        return yamlName;
    }
}
