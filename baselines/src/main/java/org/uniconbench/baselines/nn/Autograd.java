package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * Access to PyTorch's autograd state, which DJL's API does not expose.
 *
 * <p>UniCon runs the frozen backbone with gradient recording switched off (PyTorch's
 * {@code torch.no_grad()}); tests use {@link #requiresGrad} to prove that a tensor is, or is not,
 * part of an autograd graph.
 */
public final class Autograd {

    private Autograd() {
    }

    /** Whether the tensor requires a gradient, i.e. is a trainable leaf or part of a graph. */
    public static boolean requiresGrad(NDArray array) {
        return JniUtils.requiresGrad((PtNDArray) array);
    }

    /** The name of the autograd function that produced this tensor, or "" for leaves and constants. */
    public static String gradientFunction(NDArray array) {
        String name = JniUtils.getGradientFunctionNames((PtNDArray) array);
        return name == null ? "" : name;
    }

    /**
     * Runs {@code body} with gradient recording off, as {@code torch.no_grad()}: nothing computed
     * inside is stored for a backward pass.
     *
     * @param body the computation
     * @param <T> its result type
     * @return its result
     */
    public static <T> T withoutGradient(Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
