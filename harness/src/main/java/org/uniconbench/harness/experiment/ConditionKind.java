package org.uniconbench.harness.experiment;

/** How the control image is derived from the target image ({@code condition.kind:}). */
public enum ConditionKind {
    /** Canny edge map (blur, gradient, hysteresis between {@code canny_low} and {@code canny_high}). */
    CANNY("canny"),
    /** Target shrunk by {@code factor} and scaled back up: a super-resolution condition. */
    DOWNSAMPLE("downsample");

    private final String yamlName;

    ConditionKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code canny}. */
    public String yamlName() {
        return yamlName;
    }
}
