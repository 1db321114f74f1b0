/**
 * The budget: adapter widths chosen for equal parameters or equal peak memory (a width search over
 * measured memory passes).
 */
package org.uniconbench.harness.budget;
