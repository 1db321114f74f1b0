/**
 * Runs an experiment from start to end: the runner that calls the stages, the budget, one process
 * per arm and seed and the verdict, and writes the run folder; a run folder can be reproduced
 * and the two compared.
 */
package org.uniconbench.harness.run;
