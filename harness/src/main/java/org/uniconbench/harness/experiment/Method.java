package org.uniconbench.harness.experiment;

/** The adapter family an arm trains on top of the frozen backbone ({@code arms[i].method:}). */
public enum Method {
    /** ControlNet (Zhang, Rao and Agrawala, 2023): a trainable encoder copy added back through zero convolutions. */
    CONTROLNET("controlnet"),
    /** UniCon: a copied adapter that reads the frozen backbone one way, joined by zero-ft connectors. */
    UNICON("unicon");

    private final String yamlName;

    Method(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code unicon}. */
    public String yamlName() {
        return yamlName;
    }

    /** The copy scope this method uses when the file does not name one. */
    public org.uniconbench.baselines.control.Scope defaultScope() {
        return model().defaultScope();
    }

    /** The information flow this method uses when the file does not name one. */
    public org.uniconbench.baselines.control.Flow defaultFlow() {
        return model().defaultFlow();
    }

    /** The model-side preset this name stands for. */
    public org.uniconbench.baselines.control.Method model() {
        return this == CONTROLNET ? org.uniconbench.baselines.control.Method.CONTROLNET
                : org.uniconbench.baselines.control.Method.UNICON;
    }

    /** The connector this method uses when the file does not name one. */
    public Connector defaultConnector() {
        return this == CONTROLNET ? Connector.ZERO_CONV : Connector.ZERO_FT;
    }
}
