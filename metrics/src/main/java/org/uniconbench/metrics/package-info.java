/**
 * Image metrics, edge detection, summary statistics and resource probes for UniCon Bench.
 *
 * <p>Everything here works on plain float images ({@link org.uniconbench.metrics.GrayImage}) and
 * knows nothing of training or of DJL. The metrics follow the evaluation protocols of ControlNet++
 * (Li et al., 2024, arXiv:2404.07987): pixelwise edge F1 for Canny conditions
 * ({@link org.uniconbench.metrics.CannyEdges}, which reproduces their detector
 * {@code kornia.filters.canny}, and {@link org.uniconbench.metrics.EdgeF1}, also with a distance
 * tolerance), (MS-)SSIM for HED / line-art conditions
 * ({@link org.uniconbench.metrics.Ssim}, {@link org.uniconbench.metrics.MsSsim}), mask IoU and
 * depth RMSE ({@link org.uniconbench.metrics.MaskIou}, {@link org.uniconbench.metrics.DepthRmse}).
 * Distribution distances on features ({@link org.uniconbench.metrics.FeatureStatistics},
 * {@link org.uniconbench.metrics.FrechetDistance}, {@link org.uniconbench.metrics.Kid}) carry their
 * sample counts and are never called FID or KID by themselves. Conventions and the cross-checks
 * against scikit-image, SciPy and kornia are in docs/metrics.md.
 */
package org.uniconbench.metrics;
