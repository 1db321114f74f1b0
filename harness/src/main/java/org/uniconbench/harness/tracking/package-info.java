/**
 * Mirrors run folders to an MLflow tracking server: {@link org.uniconbench.harness.tracking.MlflowSync}
 * uploads what the server lacks (experiment, parent and child runs, params, tags, metric histories,
 * artifacts) and nothing twice. The run folder stays the source of truth; when the server is away,
 * {@code unicon sync RUN_DIR} catches up later.
 */
package org.uniconbench.harness.tracking;
