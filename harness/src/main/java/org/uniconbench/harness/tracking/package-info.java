/**
 * Mirrors run folders to an MLflow tracking server: {@link org.uniconbench.harness.tracking.MlflowSync}
 * uploads what the server lacks (experiment, parent and child runs, params, tags, metric histories,
 * artifacts) and nothing twice. The run folder stays the source of truth; when the server is away,
 * {@code unicon sync RUN_DIR} catches up later. {@link org.uniconbench.harness.tracking.TrackingTarget}
 * checks the server's URI and reads MLflow's credential variables
 * ({@link org.uniconbench.harness.tracking.TrackingCredentials}) before a command does any work;
 * {@link org.uniconbench.harness.tracking.RunMirror} mirrors a run while it is made.
 */
package org.uniconbench.harness.tracking;
