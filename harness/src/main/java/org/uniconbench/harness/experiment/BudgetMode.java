package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;

/** What the arms of an experiment are made equal in ({@code budget.mode:} in the experiment file). */
public enum BudgetMode implements Spelled {
    /** The same training steps and batch size for every arm (the default). */
    STEPS,
    /** The same training wall time for every arm; the steps each reaches are recorded. */
    TIME,
    /** UniCon widths chosen so trainable parameters match the first ControlNet arm's within 5%. */
    PARAMS,
    /** Every arm as wide as its measured peak training memory allows under one cap. */
    MEMORY
}
