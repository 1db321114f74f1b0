package org.uniconbench.harness.experiment;

import java.util.Objects;

/**
 * The {@code condition:} block: how a control image is made from each target image.
 *
 * <p>Only the fields of the chosen kind were read from the file; the others hold their defaults
 * and are not written back.
 *
 * @param kind       canny edges, a downsampled copy, or (shapes only) the exact mask or depth map
 * @param cannyLow   canny only: low hysteresis threshold, in (0, 1)
 * @param cannyHigh  canny only: high hysteresis threshold, in (0, 1], above {@code cannyLow}
 * @param blurRadius canny only: Gaussian blur radius in pixels before the gradient, 0..5
 * @param factor     downsample only: shrink factor, one of 2, 4, 8
 */
public record ConditionSpec(ConditionKind kind, double cannyLow, double cannyHigh, int blurRadius, int factor) {

    /** Rejects a null kind. */
    public ConditionSpec {
        Objects.requireNonNull(kind, "kind");
    }
}
