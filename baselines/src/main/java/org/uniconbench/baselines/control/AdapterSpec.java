package org.uniconbench.baselines.control;

/**
 * What adapter to build.
 *
 * @param method ControlNet or UniCon
 * @param width channel multiplier of the copied blocks, in (0, 1]; narrower copies are
 *     initialised from a slice of the backbone's channels
 * @param depth residual blocks copied per level, 1..backbone res_blocks
 * @param connector how features are injected (ControlNet: zero conv only)
 */
public record AdapterSpec(Method method, double width, int depth, ConnectorKind connector) {

    /** Validates. */
    public AdapterSpec {
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("adapter width must be in (0, 1], found " + width);
        }
        if (method == Method.CONTROLNET && connector != ConnectorKind.ZERO_CONV) {
            throw new IllegalArgumentException(
                    "ControlNet adds zero-conv residuals; " + connector + " is a UniCon connector");
        }
    }
}
