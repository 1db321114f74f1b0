/**
 * Benchmarks, compiled by {@code mvn verify} and run by hand. JMH benchmarks of the metrics module:
 * SSIM, edge F1 (Canny and F1) and the Frechet distance on batches of 256 images at 28, 32, 64 and
 * 256 pixels (docs/metrics-benchmarks.md). {@link org.uniconbench.benchmarks.StepBench}: training
 * steps of one arm ({@link org.uniconbench.benchmarks.ReplicaArms}), the DJL side of the comparison
 * with the PyTorch replica in {@code benchmarks/python} (docs/step-time.md).
 */
package org.uniconbench.benchmarks;
