/**
 * Runs an experiment: backbone stage (pre-train or cached checkpoint), feature stage (the quality
 * proxies' classifier, trained or cached, and random features), the budget (widths chosen for equal
 * parameters or memory, see {@link org.uniconbench.harness.run.BudgetResolver}), one training and
 * evaluation per arm and seed in a process of its own (checkpointed, so a killed run resumes), and
 * the run folder that records all of it with its provenance; a run folder can be reproduced and the
 * two compared.
 */
package org.uniconbench.harness.run;
