package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Layers;

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
            case ZERO_CONV -> new ZeroConv(layers.zeroConv(name, sourceChannels, targetChannels));
            case ZERO_FT -> new ZeroFt(layers.zeroConv(name + ".scale", sourceChannels, targetChannels),
                    layers.zeroConv(name + ".shift", sourceChannels, targetChannels));
        };
    }

    /**
     * ControlNet's zero convolution (Zhang et al. 2023), also UniCon's ZeroConv/ZeroMLP connector:
     * {@code h' = h + Z(s)}.
     *
     * @param zero the zero-initialised 1x1 convolution
     */
    record ZeroConv(Conv2d zero) implements Connector {
        @Override
        public NDArray apply(NDArray source, NDArray target) {
            return target.add(zero.forward(source));
        }
    }

    /**
     * UniCon's ZeroFT, zero-initialised feature transform (Yu et al. 2025). The paper's exact
     * formula could not be read; this project's documented interpretation, consistent with every
     * description (two zero layers joined by multiplication, addition and a shortcut), is
     * {@code h' = h + Z1(s) * h + Z2(s)}.
     *
     * @param scale Z1, multiplicative path
     * @param shift Z2, additive path
     */
    record ZeroFt(Conv2d scale, Conv2d shift) implements Connector {
        @Override
        public NDArray apply(NDArray source, NDArray target) {
            // shortcut + multiplicative modulation + additive injection
            return target.add(scale.forward(source).mul(target)).add(shift.forward(source));
        }
    }

}
