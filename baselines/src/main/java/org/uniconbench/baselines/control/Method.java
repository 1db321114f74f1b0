package org.uniconbench.baselines.control;

/** The control methods under comparison. */
public enum Method {
    /** Zhang et al. 2023: trainable encoder copy, residuals into the frozen decoder (bidirectional). */
    CONTROLNET,
    /** Yu et al. 2025: trainable full copy fed by the forward-only backbone (unidirectional). */
    UNICON
}
