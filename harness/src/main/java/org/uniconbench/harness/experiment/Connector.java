package org.uniconbench.harness.experiment;

/** How adapter features join the backbone ({@code arms[i].adapter.connector:}). */
public enum Connector {
    /** A 1x1 convolution initialised to zero whose output is added as a residual (ControlNet). */
    ZERO_CONV("zero-conv"),
    /** UniCon's zero-initialised feature-transform connector; UniCon arms only. */
    ZERO_FT("zero-ft");

    private final String yamlName;

    Connector(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code zero-ft}. */
    public String yamlName() {
        return yamlName;
    }
}
