package org.uniconbench.harness.experiment;

/**
 * How an adapter's copied blocks start ({@code arms[i].adapter.init:}).
 */
public enum AdapterInit {
    /** The backbone's weights, sliced to the adapter's width (the default). */
    SLICE("slice"),
    /**
     * Sliced, then trained for {@code adapter.distill_steps} steps to reproduce the frozen
     * backbone's noise prediction before control training, so a narrower copy starts as a denoiser;
     * those steps and their time are reported in the arm's row.
     */
    DISTILL("distill");

    private final String yamlName;

    AdapterInit(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files. */
    public String yamlName() {
        return yamlName;
    }
}
