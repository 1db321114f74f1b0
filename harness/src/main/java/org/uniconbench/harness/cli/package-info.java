/**
 * The {@code unicon} command line (picocli): parsing here, work in {@code run}, {@code experiment}
 * and {@code reports}. Exit codes: 0 success, 1 failure, 2 bad input.
 */
package org.uniconbench.harness.cli;
