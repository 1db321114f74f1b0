/**
 * Named parameters and the few layers the backbone needs, written directly with DJL operations.
 *
 * <p>DJL's PyTorch engine has no GroupNorm block and the adapters must copy and slice the
 * backbone's weights by name, so layers here are thin functions over a {@link
 * org.uniconbench.baselines.nn.ParameterSet}: every parameter has a stable name, a trainable flag
 * and, where a layer consumes concatenated inputs, the channel segments needed to slice it.
 */
package org.uniconbench.baselines.nn;
