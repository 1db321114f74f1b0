package org.uniconbench.harness.experiment;

/** How the control image is derived from the target image ({@code condition.kind:}). */
public enum ConditionKind {
    /** Canny edge map (blur, gradient, hysteresis between {@code canny_low} and {@code canny_high}). */
    CANNY("canny"),
    /** Target shrunk by {@code factor} and scaled back up: a super-resolution condition. */
    DOWNSAMPLE("downsample"),
    /** The procedural dataset's exact foreground mask (0/1); shapes only. */
    MASK("mask"),
    /**
     * The procedural dataset's depth map in [0, 1], rendered so that an oracle recovers depth from
     * an image (scored by depth RMSE through that oracle); shapes only.
     */
    DEPTH("depth");

    private final String yamlName;

    ConditionKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** Whether the kind needs the procedural dataset's masks and depth maps. */
    public boolean proceduralOnly() {
        return this == MASK || this == DEPTH;
    }

    /** The spelling used in experiment files, e.g. {@code canny}. */
    public String yamlName() {
        return yamlName;
    }
}
