/**
 * Datasets and conditions: the procedural shapes set (the embedded default, no download), real
 * Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package, and the condition images
 * (Canny edges, downsampling, and for the procedural set its exact masks and oracle-invertible
 * depth maps) made from them.
 */
package org.uniconbench.baselines.data;
