package org.uniconbench.baselines.train;

/**
 * What one training step cost and achieved.
 *
 * @param step 1-based step number
 * @param loss the epsilon-prediction loss
 * @param dataMs building the batch, noise and timesteps
 * @param forwardMs the forward pass and loss
 * @param backwardMs the backward pass
 * @param optimizerMs the parameter update and zeroing of gradients
 */
public record StepRecord(int step, double loss, double dataMs, double forwardMs, double backwardMs,
        double optimizerMs) {

    /** Total step time in milliseconds. */
    public double totalMs() {
        return dataMs + forwardMs + backwardMs + optimizerMs;
    }
}
