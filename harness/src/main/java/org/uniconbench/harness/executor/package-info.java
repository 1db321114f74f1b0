/**
 * Where arm-and-seed processes run: on this machine (the runner's own child processes, the default)
 * or as Slurm jobs ({@link org.uniconbench.harness.executor.SlurmLauncher}), behind one small seam,
 * {@link org.uniconbench.harness.executor.ArmLauncher}.
 */
package org.uniconbench.harness.executor;
