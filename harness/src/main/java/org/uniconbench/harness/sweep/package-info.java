/**
 * Sweep files: an experiment file plus {@code sweep: {axes: {KEY: [values...]}}}, expanded into one
 * ordinary, validated experiment per point of the axes' product ({@link org.uniconbench.harness.sweep.SweepExpander}),
 * and a table of many run folders side by side ({@link org.uniconbench.harness.sweep.RunsText}).
 */
package org.uniconbench.harness.sweep;
