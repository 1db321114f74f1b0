package org.uniconbench.baselines.control;

/**
 * Which way information (and the loss's gradient) flows between the frozen backbone and the adapter.
 * The one switch that separates ControlNet from UniCon; see {@link ControlledModel#predictNoise}.
 */
public enum Flow {
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

    /** The experiment-file spelling. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
