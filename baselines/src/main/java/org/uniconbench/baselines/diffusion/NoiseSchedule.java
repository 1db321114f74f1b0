package org.uniconbench.baselines.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The DDPM forward process with a linear beta schedule (Ho et al., "Denoising Diffusion
 * Probabilistic Models", 2020): {@code x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps}.
 */
public final class NoiseSchedule {

    private final double[] alphaBar;

    /**
     * Creates the schedule.
     *
     * @param timesteps T
     * @param betaStart beta at t = 0
     * @param betaEnd beta at t = T - 1
     */
    public NoiseSchedule(int timesteps, double betaStart, double betaEnd) {
        alphaBar = new double[timesteps];
        double product = 1;
        for (int t = 0; t < timesteps; t++) {
            double beta = timesteps == 1 ? betaStart
                    : betaStart + (betaEnd - betaStart) * t / (timesteps - 1);
            product *= 1 - beta;
            alphaBar[t] = product;
        }
    }

    /** T, the number of diffusion steps. */
    public int timesteps() {
        return alphaBar.length;
    }

    /** abar_t, the fraction of signal variance left at step t. */
    public double alphaBar(int t) {
        return alphaBar[t];
    }

    /**
     * Noises clean images: {@code sqrt(abar_t) x0 + sqrt(1 - abar_t) eps}.
     *
     * @param clean {@code [N x C x H x W]} in [-1, 1]
     * @param noise standard normal noise of the same shape
     * @param steps the timestep of each sample
     * @return {@code x_t}, on {@code clean}'s manager
     */
    public NDArray addNoise(NDArray clean, NDArray noise, int[] steps) {
        float[] signal = new float[steps.length];
        float[] noiseScale = new float[steps.length];
        for (int i = 0; i < steps.length; i++) {
            signal[i] = (float) Math.sqrt(alphaBar[steps[i]]);
            noiseScale[i] = (float) Math.sqrt(1 - alphaBar[steps[i]]);
        }
        NDManager manager = clean.getManager();
        Shape perSample = new Shape(steps.length, 1, 1, 1);
        return clean.mul(manager.create(signal, perSample))
                .add(noise.mul(manager.create(noiseScale, perSample)));
    }

    /** The epsilon-prediction loss: mean squared error between predicted and true noise. */
    public static NDArray loss(NDArray predicted, NDArray noise) {
        return predicted.sub(noise).square().mean();
    }
}
