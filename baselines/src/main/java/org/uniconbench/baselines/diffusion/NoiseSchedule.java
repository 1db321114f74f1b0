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
     * Min-SNR-gamma loss weights for epsilon prediction (Hang et al., "Efficient Diffusion Training
     * via Min-SNR Weighting Strategy", ICCV 2023, eq. 9 with the epsilon target):
     * {@code w_t = min(SNR_t, gamma) / SNR_t} with {@code SNR_t = abar_t / (1 - abar_t)}. Timesteps
     * noisier than {@code SNR = gamma} keep weight 1; the nearly clean ones, whose gradients conflict
     * with the rest, weigh less.
     *
     * @param gamma the clamp, > 0 (the paper's default: 5)
     * @return the weight of every timestep, 0..timesteps-1
     */
    public double[] minSnrWeights(double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("gamma must be > 0, found " + gamma);
        }
        double[] w = new double[alphaBar.length];
        for (int t = 0; t < w.length; t++) {
            double snr = alphaBar[t] / (1 - alphaBar[t]);
            w[t] = Math.min(snr, gamma) / snr;
        }
        return w;
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
        NDManager manager = clean.getManager();
        return clean.mul(perSample(manager, steps, abar -> Math.sqrt(abar)))
                .add(noise.mul(perSample(manager, steps, abar -> Math.sqrt(1 - abar))));
    }

    /** {@code [N x 1 x 1 x 1]}: {@code f(abar_t)} of each sample's timestep, to scale its values. */
    private NDArray perSample(NDManager manager, int[] steps, java.util.function.DoubleUnaryOperator f) {
        float[] values = new float[steps.length];
        for (int i = 0; i < steps.length; i++) {
            values[i] = (float) f.applyAsDouble(alphaBar[steps[i]]);
        }
        return manager.create(values, new Shape(steps.length, 1, 1, 1));
    }

    /**
     * The clean image a noise prediction implies, {@code (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)},
     * clipped to the data range [-1, 1] as {@link DdimSampler} clips it.
     *
     * @param noisy {@code x_t}, {@code [N x C x H x W]}
     * @param predictedNoise the model's {@code eps}, same shape
     * @param steps the timestep of each sample
     * @return the predicted {@code x_0}, on {@code noisy}'s manager
     */
    public NDArray predictClean(NDArray noisy, NDArray predictedNoise, int[] steps) {
        NDManager manager = noisy.getManager();
        return noisy.sub(predictedNoise.mul(perSample(manager, steps, abar -> Math.sqrt(1 - abar))))
                .mul(perSample(manager, steps, abar -> 1 / Math.sqrt(abar))).clip(-1, 1);
    }

    /** The epsilon-prediction loss: mean squared error between predicted and true noise. */
    public static NDArray loss(NDArray predicted, NDArray noise) {
        return predicted.sub(noise).square().mean();
    }

    /**
     * The weighted loss: the mean over samples of each sample's weight times its squared error
     * averaged over its values.
     *
     * @param predicted predicted noise {@code [N x ...]}
     * @param noise the target, same shape
     * @param weights {@code [N]}, one per sample
     * @return a scalar
     */
    public static NDArray weightedLoss(NDArray predicted, NDArray noise, NDArray weights) {
        long n = predicted.getShape().get(0);
        // DJL's PyTorch mean takes one axis: flatten each sample first
        return predicted.sub(noise).square().reshape(n, -1).mean(new int[] {1}).mul(weights).mean();
    }
}
