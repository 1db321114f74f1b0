package org.uniconbench.harness.experiment;

/**
 * The {@code diffusion:} block: a linear beta schedule (Ho et al., 2020).
 *
 * @param timesteps noising steps T, 10..10000
 * @param betaStart beta at t = 1, in (0, 1)
 * @param betaEnd   beta at t = T, in (0, 1), above {@code betaStart}
 */
public record DiffusionSpec(int timesteps, double betaStart, double betaEnd) {
}
