package org.uniconbench.baselines.nn;

import ai.djl.engine.EngineException;
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

    /**
     * Whether the tensor requires a gradient, i.e. is a trainable leaf or part of a graph (PyTorch's
     * {@code tensor.requires_grad}).
     *
     * <p>DJL 0.36's native {@code torchRequiresGrad} answers
     * {@code requires_grad && (is_leaf || retains_grad)}: false for every intermediate result of a
     * graph. Those are recognised by their autograd function instead.
     */
    public static boolean requiresGrad(NDArray array) {
        PtNDArray tensor = (PtNDArray) array;
        return JniUtils.requiresGrad(tensor) || hasGradientFunction(tensor);
    }

    /**
     * The name of the autograd function that produced this tensor, or "" for leaves (parameters)
     * and constants.
     */
    public static String gradientFunction(NDArray array) {
        PtNDArray tensor = (PtNDArray) array;
        if (!hasGradientFunction(tensor)) {
            // no grad_fn: DJL's native torchGradFnName would dereference null and crash the JVM
            return "";
        }
        String name = JniUtils.getGradientFunctionNames(tensor);
        return name == null ? "" : name;
    }

    /** Whether an autograd function produced the tensor (a non-leaf of a graph). */
    private static boolean hasGradientFunction(PtNDArray tensor) {
        if (JniUtils.requiresGrad(tensor)) {
            return false; // a trainable leaf (this project never retains non-leaf gradients)
        }
        // Either a leaf that requires no gradient, where clearing the flag is a no-op, or a graph
        // node, where PyTorch refuses ("you can only change requires_grad flags of leaf variables").
        try {
            JniUtils.attachGradient(tensor, false);
            return false;
        } catch (EngineException e) {
            return true;
        }
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

    /** Sets a parameter's accumulated gradient to zero in place ({@code grad.zero_()}). */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
