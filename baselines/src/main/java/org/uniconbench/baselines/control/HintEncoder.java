package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Layers;

/**
 * Turns the condition image into a feature map added after the adapter's input convolution
 * (ControlNet's {@code controlnet_cond_embedding}, shrunk for small images; UniCon uses the same).
 * Its last convolution is zero-initialised, so the hint contributes nothing at step 0.
 */
final class HintEncoder {

    private static final int HIDDEN = 16;

    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d zeroOut;

    /**
     * Registers the encoder's parameters.
     *
     * @param layers trainable layer factory
     * @param conditionChannels channels of the condition image
     * @param outChannels channels of the adapter's first feature map
     */
    HintEncoder(Layers layers, int conditionChannels, int outChannels) {
        conv1 = layers.conv3("hint.conv1", conditionChannels, HIDDEN);
        conv2 = layers.conv3("hint.conv2", HIDDEN, 2 * HIDDEN);
        zeroOut = layers.conv("hint.zero", 2 * HIDDEN, outChannels, 3, 1, true, null);
    }

    /** {@code [N x 1 x H x W]} condition to {@code [N x outChannels x H x W]}. */
    NDArray forward(NDArray condition) {
        NDArray h = Layers.silu(conv1.forward(condition));
        h = Layers.silu(conv2.forward(h));
        return zeroOut.forward(h);
    }
}
