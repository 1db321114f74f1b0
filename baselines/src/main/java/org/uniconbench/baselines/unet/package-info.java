/**
 * The small U-Net diffusion backbone that the harness pre-trains and then freezes.
 *
 * <p>Residual blocks with GroupNorm and SiLU, a sinusoidal time embedding, strided-convolution
 * downsampling and nearest-neighbour + convolution upsampling, skip connections between
 * resolution levels (Ho et al. 2020; Nichol and Dhariwal 2021, improved-diffusion's unet.py).
 */
package org.uniconbench.baselines.unet;
