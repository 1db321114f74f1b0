package org.uniconbench.harness.experiment;

/** Where the experiment runs ({@code device:} in the experiment file). */
public enum DeviceChoice {
    /** Use a GPU when one is visible, else the CPU. */
    AUTO("auto"),
    /** Always the CPU, even when a GPU is present. */
    CPU("cpu"),
    /** Require a GPU; fail at start-up when none is visible. */
    GPU("gpu");

    private final String yamlName;

    DeviceChoice(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code auto}. */
    public String yamlName() {
        return yamlName;
    }
}
