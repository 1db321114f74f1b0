/**
 * {@code unicon estimate}: the cost model of {@code baselines/cost} applied to an experiment's arms,
 * with the UniCon/ControlNet ratios beside the paper's figures; also what {@code validate}, the run's
 * the run summary and the report show as predicted cost.
 */
package org.uniconbench.harness.estimate;
