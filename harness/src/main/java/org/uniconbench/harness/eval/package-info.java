/**
 * Scores folders of images made by any tool (for example diffusers) with the harness's metrics.
 */
package org.uniconbench.harness.eval;
