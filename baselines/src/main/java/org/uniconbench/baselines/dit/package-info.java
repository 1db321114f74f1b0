/**
 * A small Diffusion Transformer, the second diffusion backbone beside the U-Net.
 *
 * <p>Patch tokens with a fixed 2-D sin-cos position embedding, transformer blocks conditioned on
 * the timestep by adaLN-Zero, a zero-initialised linear head back to pixels (Peebles and Xie,
 * "Scalable Diffusion Models with Transformers", ICCV 2023; facebookresearch/DiT's models.py).
 * Parameter names follow the blocks, and concatenated projections (q, k, v per head; the
 * adaLN shifts, scales and gates) declare their parts, so a narrower adapter copy built from
 * {@link org.uniconbench.baselines.dit.DiTConfig#scaled} is initialised from the backbone by name.
 */
package org.uniconbench.baselines.dit;
