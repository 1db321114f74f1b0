package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.HashMap;
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
    private final Map<String, NDArray[]> moments = new HashMap<>();
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
}
