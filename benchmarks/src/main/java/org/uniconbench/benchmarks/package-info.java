/**
 * JMH benchmarks of the metrics module: SSIM, edge F1 (Canny and F1) and the Frechet distance on
 * batches of 256 images at 28, 32, 64 and 256 pixels. Compiled by {@code mvn verify}, run by hand:
 * see docs/metrics-benchmarks.md for the command and the recorded results.
 */
package org.uniconbench.benchmarks;
