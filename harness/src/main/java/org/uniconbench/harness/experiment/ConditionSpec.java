package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.data.ConditionKind;
import java.util.Objects;

/**
 * The {@code condition:} block: how a control image is made from each target image.
 *
 * <p>Only the fields of the chosen kind were read from the file; the others hold their defaults
 * and are not written back.
 *
 * @param kind       canny edges, a downsampled copy, or (shapes only) the exact mask or depth map
 * @param cannyLow   canny only: weak-edge threshold on kornia's gradient magnitude (unnormalised
 *                   Sobel, see {@code metrics/CannyEdges}), in (0, {@value #MAX_CANNY_THRESHOLD})
 * @param cannyHigh  canny only: strong-edge threshold, in (0, {@value #MAX_CANNY_THRESHOLD}], above
 *                   {@code cannyLow}
 * @param blurRadius canny only: Gaussian blur radius r, 0..5: a (2r+1)x(2r+1) kernel with sigma r/2
 *                   (2 is kornia's 5x5, sigma 1), 0 for no blur
 * @param factor     downsample only: shrink factor, one of 2, 4, 8
 */
public record ConditionSpec(ConditionKind kind, double cannyLow, double cannyHigh, int blurRadius, int factor) {

    /**
     * Upper bound of the Canny thresholds: on an image in [0,1] kornia's magnitude never exceeds
     * 4 * sqrt(2) = 5.66 (a corner, no blur), so a higher threshold would find nothing.
     */
    public static final double MAX_CANNY_THRESHOLD = 6;

    /** Rejects a null kind. */
    public ConditionSpec {
        Objects.requireNonNull(kind, "kind");
    }
}
