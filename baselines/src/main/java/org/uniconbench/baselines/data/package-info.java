/**
 * Datasets and conditions: the procedural shapes set (the embedded default, no download), real
 * Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package, and the condition images
 * (Canny edges, 4x downsampling) made from them.
 */
package org.uniconbench.baselines.data;
