package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;

/** Where the experiment runs ({@code device:} in the experiment file). */
public enum DeviceChoice implements Spelled {
    /** Use a GPU when one is visible, else the CPU. */
    AUTO,
    /** Always the CPU, even when a GPU is present. */
    CPU,
    /** Require a GPU; fail at start-up when none is visible. */
    GPU
}
