package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Adam (Kingma and Ba, 2015) over a list of parameters: the same bias-corrected update as
 * {@code torch.optim.Adam} (no weight decay, no AMSGrad), gradients zeroed afterwards.
 *
 * <p>Each parameter is updated by one native call, DJL's PyTorch {@code adamUpdate} (the kernel
 * behind DJL's own {@code Adam} optimiser). Spelled out in DJL operations the update takes about
 * fifteen, each a JNI call and, for the {@code Number} overloads, a scalar tensor: measured on the
 * quickstart, 2-6 ms more per 70-120 ms step than {@code torch.optim.Adam}
 * (../shared/reference/step-time-measurements.md). The kernel computes
 * {@code w -= s * m / (sqrt(v) + e)}; with {@code s = lr * sqrt(c2) / c1} and
 * {@code e = eps * sqrt(c2)} (c1, c2 the bias corrections) that is exactly PyTorch's
 * {@code w -= lr * (m / c1) / (sqrt(v / c2) + eps)}, up to float rounding (AdamTest checks it
 * against the formula in doubles, gradients down to 1e-6; the spelled-out form strayed by up to
 * 2e-3 of a step where second moments were near 1e-16, docs/step-time.md). The two
 * moment buffers live on the parameters' manager (they are part of the measured memory: 2 x
 * trainable parameters).
 */
public final class Adam {

    private final IntToDoubleFunction learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private int step;

    /**
     * Creates the optimiser with PyTorch's defaults for the betas and epsilon.
     *
     * @param learningRate step size
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * Creates the optimiser.
     *
     * @param learningRate step size
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param epsilon added to the root of the second moment
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(update -> learningRate, beta1, beta2, epsilon);
    }

    /**
     * Creates the optimiser with a learning rate per update ({@link LrSchedule#rates}) and PyTorch's
     * defaults for the betas and epsilon.
     *
     * @param learningRate the step size of update {@code u} (1-based, the count {@link #steps} reaches
     *     with it), so a {@link #restore}d optimiser continues the schedule
     */
    public Adam(IntToDoubleFunction learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    private Adam(IntToDoubleFunction learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /**
     * Updates every parameter from its gradient, then zeroes the gradients.
     *
     * @param parameters the trainable parameters (each must have a gradient)
     */
    public void step(List<ParameterSet.Parameter> parameters) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double root2 = Math.sqrt(1 - Math.pow(beta2, step));
        // PyTorch's update with both bias corrections folded into the step size and epsilon
        float stepSize = (float) (learningRate.applyAsDouble(step) * root2 / correction1);
        float epsilonHat = (float) (epsilon * root2);
        for (ParameterSet.Parameter p : parameters) {
            update(p, stepSize, epsilonHat);
        }
    }

    /** Updates taken so far (the bias corrections' exponent). */
    public int steps() {
        return step;
    }

    /**
     * A copy of the state, for a checkpoint.
     *
     * @return per parameter name, its first and second moments, row-major; empty before the first step
     */
    public Map<String, float[][]> moments() {
        Map<String, float[][]> copy = new LinkedHashMap<>();
        moments.forEach((name, m) -> copy.put(name, new float[][] {m[0].toFloatArray(), m[1].toFloatArray()}));
        return copy;
    }

    /**
     * Restores the state of a checkpoint, so that the next {@link #step} continues it exactly.
     *
     * @param steps updates taken when the state was saved
     * @param saved per parameter name, its first and second moments (from {@link #moments()})
     * @param parameters the parameters being trained; each saved name must be one of them
     */
    public void restore(int steps, Map<String, float[][]> saved, List<ParameterSet.Parameter> parameters) {
        Map<String, ParameterSet.Parameter> byName = new HashMap<>();
        parameters.forEach(p -> byName.put(p.name(), p));
        moments.values().forEach(m -> {
            m[0].close();
            m[1].close();
        });
        moments.clear();
        saved.forEach((name, values) -> {
            ParameterSet.Parameter p = byName.get(name);
            if (p == null || values[0].length != p.size() || values[1].length != p.size()) {
                throw new IllegalArgumentException("optimiser state for " + name + " does not match the model's "
                        + (p == null ? "parameters (no such parameter)" : "parameter of " + p.size() + " values"));
            }
            NDArray first = p.array().zerosLike();
            first.set(values[0]);
            NDArray second = p.array().zerosLike();
            second.set(values[1]);
            moments.put(name, new NDArray[] {first, second});
        });
        this.step = steps;
    }

    private void update(ParameterSet.Parameter p, float stepSize, float epsilonHat) {
        NDArray weight = p.array();
        NDArray[] m = moments.computeIfAbsent(p.name(),
                k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
        // a new handle on the parameter's long-lived manager: closed at once
        try (NDArray gradient = weight.getGradient()) {
            // m = b1 m + (1 - b1) g ; v = b2 v + (1 - b2) g^2 ; w -= s m / (sqrt(v) + e), without autograd
            JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) m[0], (PtNDArray) m[1],
                    stepSize, stepSize, 0f, 1f, -1f, (float) beta1, (float) beta2, epsilonHat, false);
        }
        // zero the gradient in place for the next backward pass (grad.zero_(): clears NaN too)
        Autograd.zeroGradient(weight);
    }

    /**
     * Frees the moment buffers (they live on the parameters' manager, so they would otherwise last
     * as long as the parameters); the optimiser is unusable afterwards. For an optimiser whose
     * run is over, such as a distillation's.
     */
    public void release() {
        for (NDArray[] pair : moments.values()) {
            for (NDArray m : pair) {
                m.close();
            }
        }
        moments.clear();
    }
}
