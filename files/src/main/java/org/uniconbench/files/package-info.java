/**
 * Writing files safely: {@link org.uniconbench.files.AtomicFile} replaces a file whole.
 *
 * <p>A leaf module with no dependencies, so that every module that writes into a run folder or a
 * cache (baselines' checkpoints, the report, the harness's run store and MLflow ledger) shares one
 * implementation while dependencies keep pointing one way (harness -> baselines, metrics, reports).
 */
package org.uniconbench.files;
