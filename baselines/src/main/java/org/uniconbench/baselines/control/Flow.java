package org.uniconbench.baselines.control;

import org.uniconbench.baselines.Spelled;

/**
 * Which way information (and the loss's gradient) flows between the frozen backbone and the adapter.
 * The one switch that separates ControlNet from UniCon; see {@link ControlledModel#predictNoise}.
 */
public enum Flow implements Spelled {
    /**
     * ControlNet's: adapter features are added into the backbone, the frozen backbone produces the
     * output, so the gradient travels back through the frozen blocks downstream of the first injection.
     */
    BIDIRECTIONAL,
    /**
     * UniCon's: the backbone runs forward only (no autograd graph), its features are carried into the
     * adapter, which alone produces the output.
     */
    UNIDIRECTIONAL;
}
