package org.uniconbench.baselines.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uniconbench.baselines.nn.Autograd;

/**
 * Deterministic DDIM sampling, eta = 0 (Song, Meng and Ermon, "Denoising Diffusion Implicit
 * Models", 2021), on evenly spaced timesteps {@code T/S * i} ("leading" spacing in diffusers).
 */
public final class DdimSampler {

    private final NoiseSchedule schedule;
    private final int steps;

    /**
     * Creates a sampler.
     *
     * @param schedule the model's noise schedule
     * @param steps sampling steps S, 1..T
     */
    public DdimSampler(NoiseSchedule schedule, int steps) {
        if (steps < 1 || steps > schedule.timesteps()) {
            throw new IllegalArgumentException(
                    "sampler steps must be in 1.." + schedule.timesteps() + ", found " + steps);
        }
        this.schedule = schedule;
        this.steps = steps;
    }

    /**
     * Denoises {@code x_T} into an image.
     *
     * @param model the denoiser
     * @param noise {@code x_T}, standard normal {@code [N x C x H x W]}
     * @param condition condition images or null
     * @return {@code x_0} in [-1, 1] on {@code noise}'s manager
     */
    public NDArray sample(Denoiser model, NDArray noise, NDArray condition) {
        NDManager out = noise.getManager();
        int n = (int) noise.getShape().get(0);
        int stride = schedule.timesteps() / steps;
        NDArray x = noise.duplicate();
        for (int i = steps - 1; i >= 0; i--) {
            int t = i * stride;
            double abar = schedule.alphaBar(t);
            double abarPrev = i == 0 ? 1.0 : schedule.alphaBar((i - 1) * stride);
            try (NDManager step = out.newSubManager()) {
                NDArray current = x;
                current.tempAttach(step);
                float[] ts = new float[n];
                java.util.Arrays.fill(ts, t);
                NDArray eps = Autograd.withoutGradient(
                        () -> model.predictNoise(current, step.create(ts), condition));
                // predicted clean image, clipped to the data range
                NDArray x0 = current.sub(eps.mul(Math.sqrt(1 - abar))).div(Math.sqrt(abar)).clip(-1, 1);
                // move to the previous timestep along the deterministic path
                NDArray next = x0.mul(Math.sqrt(abarPrev)).add(eps.mul(Math.sqrt(1 - abarPrev)));
                next.attach(out);
                x = next;
            }
        }
        return x;
    }
}
