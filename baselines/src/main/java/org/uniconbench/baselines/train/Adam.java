package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) over a list of parameters, written with DJL operations.
 *
 * <p>Spelled out rather than DJL's {@code Adam} so that the update is visible and every temporary
 * lives in a per-update scope: the same bias-corrected update as {@code torch.optim.Adam} (no
 * weight decay, no AMSGrad), gradients zeroed afterwards. The two moment
 * buffers live on the parameters' manager (they are part of the measured memory: 2 x trainable
 * parameters); temporaries live in a per-update scope.
 */
public final class Adam {

    private final double learningRate;
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
        double correction2 = 1 - Math.pow(beta2, step);
        Autograd.withoutGradient(() -> {
            for (ParameterSet.Parameter p : parameters) {
                update(p, correction1, correction2);
            }
            return null;
        });
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

    private void update(ParameterSet.Parameter p, double correction1, double correction2) {
        NDArray weight = p.array();
        NDArray[] m = moments.computeIfAbsent(p.name(),
                k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
        try (NDManager scope = weight.getManager().newSubManager()) {
            NDArray gradient = weight.getGradient();
            gradient.attach(scope);
            m[0].tempAttach(scope);
            m[1].tempAttach(scope);
            // m = b1 m + (1 - b1) g ;  v = b2 v + (1 - b2) g^2
            m[0].muli(beta1).addi(gradient.mul(1 - beta1));
            m[1].muli(beta2).addi(gradient.square().mul(1 - beta2));
            // w -= lr * (m / c1) / (sqrt(v / c2) + eps)
            NDArray denominator = m[1].div(correction2).sqrt().add(epsilon);
            weight.subi(m[0].div(correction1).div(denominator).mul(learningRate));
            // zero the gradient in place for the next backward pass (grad.zero_(): clears NaN too)
            Autograd.zeroGradient(weight);
        }
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
