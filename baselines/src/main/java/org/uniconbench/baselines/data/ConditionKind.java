package org.uniconbench.baselines.data;

import org.uniconbench.baselines.Spelled;

/**
 * How the control image is derived from the target image ({@code condition.kind:} in experiment
 * files); each kind is made by one {@link Condition}.
 */
public enum ConditionKind implements Spelled {
    /** Canny edge map (blur, gradient, hysteresis between {@code canny_low} and {@code canny_high}). */
    CANNY,
    /** Target shrunk by {@code factor} and scaled back up: a super-resolution condition. */
    DOWNSAMPLE,
    /** The procedural dataset's exact foreground mask (0/1); shapes only. */
    MASK,
    /**
     * The procedural dataset's depth map in [0, 1], rendered so that an oracle recovers depth from
     * an image (scored by depth RMSE through that oracle); shapes only.
     */
    DEPTH;

    /** Whether the kind needs the procedural dataset's masks and depth maps (a scene). */
    public boolean needsScene() {
        return this == MASK || this == DEPTH;
    }
}
