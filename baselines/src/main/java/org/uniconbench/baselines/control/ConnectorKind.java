package org.uniconbench.baselines.control;

/** How a feature from one network is injected into another. */
public enum ConnectorKind {
    /** {@code h' = h + Z(s)}, Z a zero-initialised 1x1 conv (ControlNet's zero conv, UniCon's ZeroConv). */
    ZERO_CONV,
    /** {@code h' = h + Z1(s) * h + Z2(s)}, UniCon's zero-initialised feature transform (our reading). */
    ZERO_FT
}
