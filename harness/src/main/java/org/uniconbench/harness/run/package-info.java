/**
 * Runs an experiment: backbone stage (pre-train or cached checkpoint), feature stage (the quality
 * proxies' classifier, trained or cached, and random features), the budget (widths chosen for equal
 * parameters or memory, see {@link org.uniconbench.harness.run.BudgetResolver}), one training and
 * evaluation per arm and seed, and the run folder that records all of it with its provenance.
 */
package org.uniconbench.harness.run;
