package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

import java.util.function.UnaryOperator;

/**
 * Injects a source feature into a target feature; zero-initialised so that it is the identity on
 * the target until trained.
 */
public interface Connector {

    /**
     * Combines the features.
     *
     * @param source the feature carried over ({@code [N x Cs x H x W]})
     * @param target the feature it is injected into ({@code [N x Ct x H x W]})
     * @return the new target feature
     */
    NDArray apply(NDArray source, NDArray target);

    /**
     * Creates a connector with trainable parameters under {@code name}.
     *
     * @param kind which connector
     * @param layers trainable layer factory
     * @param name parameter name prefix
     * @param sourceChannels channels of the source feature
     * @param targetChannels channels of the target feature
     * @return the connector
     */
    static Connector create(ConnectorKind kind, Layers layers, String name, int sourceChannels,
            int targetChannels) {
        return switch (kind) {
            case ZERO_CONV, ZERO_MLP -> new ZeroConv(layers.zeroConv(name, sourceChannels, targetChannels)::forward);
            case ZERO_FT -> new ZeroFt(onePlus(layers.zeroConv(name + ".scale", sourceChannels, targetChannels),
                    layers.constant(new Shape(1), 1f)),
                    layers.zeroConv(name + ".shift", sourceChannels, targetChannels)::forward);
            case SHARED_ATTENTION -> throw new IllegalArgumentException(
                    "connector shared_attention needs tokens (a dit backbone); feature maps take zero_conv or zero_ft");
        };
    }

    /**
     * Creates a connector between token sequences {@code [N x T x D]} (a DiT's blocks): the same kinds with
     * linear layers in place of 1x1 convolutions, plus shared attention.
     *
     * @param kind which connector
     * @param layers trainable layer factory
     * @param name parameter name prefix
     * @param sourceWidth width of the source tokens
     * @param targetWidth width of the target tokens
     * @return the connector
     */
    static Connector createForTokens(ConnectorKind kind, Layers layers, String name, int sourceWidth,
            int targetWidth) {
        return switch (kind) {
            case ZERO_CONV, ZERO_MLP -> new ZeroConv(layers.zeroDense(name, sourceWidth, targetWidth, null)::forward);
            case ZERO_FT -> new ZeroFt(onePlus(layers.zeroDense(name + ".scale", sourceWidth, targetWidth, null),
                    layers.constant(new Shape(1), 1f)),
                    layers.zeroDense(name + ".shift", sourceWidth, targetWidth, null)::forward);
            case SHARED_ATTENTION -> new SharedAttention(layers.dense(name + ".q", targetWidth, targetWidth),
                    layers.dense(name + ".k", sourceWidth, targetWidth),
                    layers.dense(name + ".v", sourceWidth, targetWidth),
                    layers.zeroDense(name + ".out", targetWidth, targetWidth, null),
                    layers.constant(new Shape(1), (float) (1 / Math.sqrt(targetWidth))));
        };
    }

    /**
     * Shared attention (our reading of the paper's third connector): the target's tokens attend to the
     * source's, one head, and a zero-initialised projection adds the result,
     * {@code h' = h + Z(softmax(q(h) k(s)^T / sqrt(d)) v(s))}; the identity until trained.
     *
     * @param query q, on the target tokens
     * @param key k, on the source tokens
     * @param value v, on the source tokens
     * @param out Z, zero-initialised
     * @param scale {@code 1 / sqrt(d)} as a constant array (never a Number overload in differentiable
     *     code, see Layers.silu)
     */
    record SharedAttention(Dense query, Dense key, Dense value, Dense out, NDArray scale) implements Connector {
        @Override
        public NDArray apply(NDArray source, NDArray target) {
            NDArray q = query.forward(target);
            NDArray logits = q.matMul(key.forward(source).transpose(0, 2, 1)).mul(scale);
            return target.add(out.forward(logits.softmax(-1).matMul(value.forward(source))));
        }
    }

    /**
     * ControlNet's zero convolution (Zhang et al. 2023), also UniCon's ZeroConv/ZeroMLP connector:
     * {@code h' = h + Z(s)}.
     *
     * @param zero the zero-initialised layer: a 1x1 convolution on feature maps, a linear layer on tokens
     */
    record ZeroConv(UnaryOperator<NDArray> zero) implements Connector {
        @Override
        public NDArray apply(NDArray source, NDArray target) {
            return target.add(zero.apply(source));
        }
    }

    /**
     * UniCon's ZeroFT, zero-initialised feature transform (Yu et al. 2025). The paper's exact
     * formula could not be read; this project's documented interpretation, consistent with every
     * description (two zero layers joined by multiplication, addition and a shortcut), is
     * {@code h' = h + Z1(s) * h + Z2(s)}.
     *
     * <p>Computed as {@code h * (1 + Z1(s)) + Z2(s)}, the same formula regrouped: the 1 is added to
     * Z1's bias (a {@code [C]} add) rather than to a full feature map, so a connector costs two
     * element-wise operations on the feature map instead of three, and its backward pass no longer
     * sums two gradients into {@code h}. At initialisation {@code 1 + 0} is exactly 1, so the
     * connector is still exactly the identity.
     *
     * @param onePlusScale {@code 1 + Z1}, the multiplicative path (1x1 convolution on feature maps,
     *     linear layer on tokens) with the 1 folded into its bias
     * @param shift Z2, additive path
     */
    record ZeroFt(UnaryOperator<NDArray> onePlusScale, UnaryOperator<NDArray> shift) implements Connector {
        @Override
        public NDArray apply(NDArray source, NDArray target) {
            // shortcut + multiplicative modulation, h * (1 + Z1(s)), then additive injection
            return target.mul(onePlusScale.apply(source)).add(shift.apply(source));
        }
    }

    /** {@code 1 + Z(x)} for a 1x1 convolution: the convolution with bias {@code 1 + b}. */
    private static UnaryOperator<NDArray> onePlus(Conv2d zero, NDArray one) {
        return x -> new Conv2d(zero.weight(), biasPlus(one, zero.bias(), x), zero.stride(), zero.padding()).forward(x);
    }

    /** {@code 1 + Z(x)} for a linear layer: the layer with bias {@code 1 + b}. */
    private static UnaryOperator<NDArray> onePlus(Dense zero, NDArray one) {
        return x -> new Dense(zero.weight(), biasPlus(one, zero.bias(), x)).forward(x);
    }

    /**
     * {@code 1 + bias}, moved onto the input's manager: an operation on a constant lands on the
     * long-lived parameter manager, where it would accumulate step after step.
     */
    private static NDArray biasPlus(NDArray one, NDArray bias, NDArray input) {
        NDArray shifted = one.add(bias);
        shifted.attach(input.getManager());
        return shifted;
    }
}
