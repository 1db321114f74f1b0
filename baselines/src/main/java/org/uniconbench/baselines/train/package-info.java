/**
 * The training step (data, forward, backward, optimiser; each timed) and the loop around it,
 * shared by backbone pre-training and every adapter.
 */
package org.uniconbench.baselines.train;
