package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;

/**
 * How an adapter's copied blocks start ({@code arms[i].adapter.init:}).
 */
public enum AdapterInit implements Spelled {
    /** The backbone's weights, sliced to the adapter's width (the default). */
    SLICE,
    /**
     * Sliced, then trained for {@code adapter.distill_steps} steps to reproduce the frozen
     * backbone's noise prediction before control training, so a narrower copy starts as a denoiser;
     * those steps and their time are reported in the arm's row.
     */
    DISTILL
}
