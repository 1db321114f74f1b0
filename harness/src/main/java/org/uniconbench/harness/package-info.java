/**
 * The harness: command line, experiment files, the runner that pre-trains the backbone and trains,
 * measures and samples every arm, the run store and provenance.
 */
package org.uniconbench.harness;
