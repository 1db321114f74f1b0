/**
 * Experiment definition files: YAML in, immutable records out.
 *
 * <p>{@link org.uniconbench.harness.experiment.ExperimentLoader} reads a YAML file and checks every
 * value in one place, at load time; each problem becomes one line of an
 * {@link org.uniconbench.harness.experiment.ExperimentException} naming the file, the 1-based line,
 * the path in the document ({@code arms[1].adapter.width}), the bad value and what is allowed.
 * {@link org.uniconbench.harness.experiment.ExperimentWriter} writes the resolved experiment back,
 * every default filled in, so a run folder records exactly what ran.
 */
package org.uniconbench.harness.experiment;
