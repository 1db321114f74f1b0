/**
 * Each arm and seed in a process of its own: launching and watching the child process, the child's
 * entry point, the rows the children leave and the arms that failed.
 */
package org.uniconbench.harness.arms;
