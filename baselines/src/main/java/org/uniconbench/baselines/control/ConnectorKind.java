package org.uniconbench.baselines.control;

import org.uniconbench.baselines.Spelled;

/**
 * How a feature from one network is injected into another (the paper's connector ablation;
 * {@code arms[i].adapter.connector:} in experiment files).
 */
public enum ConnectorKind implements Spelled {
    /**
     * {@code h' = h + Z(s)}: Z a zero-initialised 1x1 conv on U-Net feature maps, a zero-initialised
     * linear layer on DiT tokens (ControlNet's zero conv; UniCon's ZeroConv / ZeroMLP).
     */
    ZERO_CONV,
    /**
     * The same layer as {@link #ZERO_CONV}, under the UniCon paper's name for it on tokens (ZeroMLP).
     * A constant of its own only so that the spelling a file chose comes back in its resolved config
     * and summary rows; every builder treats the two alike.
     */
    ZERO_MLP,
    /** {@code h' = h + Z1(s) * h + Z2(s)}, UniCon's zero-initialised feature transform (our reading). */
    ZERO_FT,
    /**
     * {@code h' = h + Z(softmax(q(h) k(s)^T / sqrt(d)) v(s))}: the adapter's tokens attend to the backbone's
     * (our reading of the paper's shared-attention connector; needs tokens, so DiT only).
     */
    SHARED_ATTENTION
}
