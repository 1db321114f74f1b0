package org.uniconbench.baselines.cost;

/** Where a parameter or an operation belongs, for the split of parameters and FLOPs. */
public enum Part {
    /** The frozen backbone. */
    BACKBONE,
    /** The adapter's copied blocks and its hint encoder. */
    ADAPTER,
    /** The connectors (zero convs, ZeroFT, shared attention) between backbone and adapter. */
    CONNECTORS;

    /** The spelling in JSON and tables. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
