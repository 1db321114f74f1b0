package org.uniconbench.harness.experiment;

/** What the arms of an experiment are made equal in ({@code budget.mode:} in the experiment file). */
public enum BudgetMode {
    /** The same training steps and batch size for every arm (the default). */
    STEPS("steps"),
    /** The same training wall time for every arm; the steps each reaches are recorded. */
    TIME("time"),
    /** UniCon widths chosen so trainable parameters match the first ControlNet arm's within 5%. */
    PARAMS("params"),
    /** Every arm as wide as its measured peak training memory allows under one cap. */
    MEMORY("memory");

    private final String yamlName;

    BudgetMode(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code params}. */
    public String yamlName() {
        return yamlName;
    }
}
