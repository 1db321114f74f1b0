/**
 * How an adapter controls the frozen backbone: ControlNet (bidirectional) and UniCon
 * (unidirectional), their hint encoder and connectors, and weight copying from the backbone.
 *
 * <p>The two information flows differ in one method,
 * {@link org.uniconbench.baselines.control.ControlledModel#predictNoise}.
 */
package org.uniconbench.baselines.control;
