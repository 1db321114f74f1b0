package org.uniconbench.metrics;

/**
 * Root-mean-square error between two depth maps, on the 0-255 scale used by ControlNet++.
 *
 * <p>ControlNet++ (M. Li et al., "ControlNet++: Improving Conditional Controls with Efficient
 * Consistency Feedback", ECCV 2024, arXiv:2404.07987) scores depth control by the RMSE between the
 * input depth map and the depth estimated from the generated image, both as 8-bit images (0-255).
 * Here both maps are given in [0,1] (as read from PNGs by {@link Png#read}) and scaled by 255:
 * {@code RMSE = sqrt(mean((255 p - 255 t)^2))}, in double. Values are neither clamped nor
 * re-normalised (no scale-and-shift alignment as in MiDaS' evaluation), and NaN is rejected.
 */
public final class DepthRmse {

    /** Factor from [0,1] to the 0-255 scale of ControlNet++. */
    public static final double SCALE = 255.0;

    private DepthRmse() {
    }

    /**
     * Computes the RMSE on the 0-255 scale.
     *
     * @param predicted depth map of the generated image, values in [0,1]
     * @param truth condition depth map, same size, values in [0,1]
     * @return RMSE in 0-255 units, 0 for identical maps
     */
    public static double compute(GrayImage predicted, GrayImage truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("Depth RMSE needs maps of the same size, found "
                    + predicted.sizeText() + " and " + truth.sizeText());
        }
        float[] p = predicted.pixels();
        float[] t = truth.pixels();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (Float.isNaN(p[i]) || Float.isNaN(t[i])) {
                throw new IllegalArgumentException("Depth RMSE found NaN at pixel " + i + " (predicted "
                        + p[i] + ", truth " + t[i] + ")");
            }
            double d = SCALE * ((double) p[i] - (double) t[i]);
            sum += d * d;
        }
        return Math.sqrt(sum / p.length);
    }
}
