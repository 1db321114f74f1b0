/**
 * The paper's claims tested on a finished run: the rule of each claim, the reading of an interval,
 * the comparisons and statistics across seeds, and the backbone's quality gate.
 */
package org.uniconbench.harness.verdict;
