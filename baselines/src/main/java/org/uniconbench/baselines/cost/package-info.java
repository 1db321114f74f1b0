/**
 * A cost model of every arm, computed from the architecture without allocating a weight: trainable
 * and frozen parameters, bytes of weights, gradients, optimiser state and the activations a training
 * step keeps for backward, and forward and backward FLOPs split into backbone, adapter and connectors.
 *
 * <p>{@link org.uniconbench.baselines.cost.CostModel} is the entry point; {@link
 * org.uniconbench.baselines.cost.Graph} is the symbolic autograd ledger that the walks of the U-Net
 * ({@code UNetWalk}), the DiT ({@code DiTWalk}) and the two topologies ({@code ArmWalk}) feed, one
 * operation per line of the real forward pass. The accounting rules per operation type are on
 * {@link org.uniconbench.baselines.cost.Graph}; the named assumptions are {@link
 * org.uniconbench.baselines.cost.CostModel#ASSUMPTIONS}.
 */
package org.uniconbench.baselines.cost;
