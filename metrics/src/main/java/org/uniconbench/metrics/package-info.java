/**
 * Image metrics, edge detection, summary statistics and resource probes for UniCon Bench.
 *
 * <p>Everything here works on plain float images ({@link org.uniconbench.metrics.GrayImage}) and
 * knows nothing of training or of DJL. The metrics follow the evaluation protocols of ControlNet++
 * (Li et al., 2024, arXiv:2404.07987): pixelwise edge F1 for Canny conditions
 * ({@link org.uniconbench.metrics.CannyEdges}, {@link org.uniconbench.metrics.EdgeF1}) and SSIM
 * for HED / line-art conditions ({@link org.uniconbench.metrics.Ssim}), cross-checked against
 * scikit-image.
 */
package org.uniconbench.metrics;
