package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Creates layers whose parameters live in one {@link ParameterSet}, all trainable or all frozen.
 *
 * <p>Names are dotted paths ({@code enc0.res1.conv1.weight}); a backbone and an adapter built with
 * the same architecture code get the same names, which is how the adapter is initialised from the
 * backbone.
 */
public final class Layers {

    private final ParameterSet parameters;
    private final Init init;
    private final boolean trainable;

    /**
     * Creates a layer factory.
     *
     * @param parameters where parameters are added
     * @param init initial values
     * @param trainable whether the layers' parameters are trained
     */
    public Layers(ParameterSet parameters, Init init, boolean trainable) {
        this.parameters = parameters;
        this.init = init;
        this.trainable = trainable;
    }

    /** The set parameters are added to. */
    public ParameterSet parameters() {
        return parameters;
    }

    /**
     * A 2-D convolution with square kernel, "same" padding for odd kernels.
     *
     * @param name parameter name prefix
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param zero zero-initialise weight and bias (zero conv)
     * @param inSegments sizes of concatenated input parts, or null
     * @return the layer
     */
    public Conv2d conv(String name, int in, int out, int kernel, int stride, boolean zero,
            int[] inSegments) {
        int fanIn = in * kernel * kernel;
        int weights = out * fanIn;
        NDArray w = parameters.add(name + ".weight", new Shape(out, in, kernel, kernel),
                zero ? Init.zeros(weights) : init.uniform(weights, fanIn), trainable,
                new int[][] {null, inSegments, null, null});
        NDArray b = parameters.add(name + ".bias", new Shape(out),
                zero ? Init.zeros(out) : init.uniform(out, fanIn), trainable, null);
        return new Conv2d(w, b, stride, kernel / 2);
    }

    /** A 3x3 convolution, stride 1. */
    public Conv2d conv3(String name, int in, int out) {
        return conv(name, in, out, 3, 1, false, null);
    }

    /** A zero-initialised 1x1 convolution: outputs exactly zero until trained. */
    public Conv2d zeroConv(String name, int in, int out) {
        return conv(name, in, out, 1, 1, true, null);
    }

    /**
     * A fully connected layer.
     *
     * @param name parameter name prefix
     * @param in input features
     * @param out output features
     * @return the layer
     */
    public Dense dense(String name, int in, int out) {
        NDArray w = parameters.add(name + ".weight", new Shape(out, in),
                init.uniform(out * in, in), trainable, null);
        NDArray b = parameters.add(name + ".bias", new Shape(out), init.uniform(out, in), trainable,
                null);
        return new Dense(w, b);
    }

    /**
     * Group normalisation (Wu and He, 2018) with a learned per-channel scale and shift.
     *
     * @param name parameter name prefix
     * @param channels channels
     * @param groups groups; must divide channels
     * @param segments sizes of concatenated input parts, or null
     * @return the layer
     */
    public GroupNorm groupNorm(String name, int channels, int groups, int[] segments) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    name + ": " + channels + " channels are not divisible by " + groups + " groups");
        }
        int[][] seg = {null, segments, null, null};
        // Stored as [1, C, 1, 1] so the forward pass broadcasts without reshaping a parameter
        // (a reshape would allocate on the long-lived parameter manager at every call).
        NDArray gamma = parameters.add(name + ".gamma", new Shape(1, channels, 1, 1),
                Init.ones(channels), trainable, seg);
        NDArray beta = parameters.add(name + ".beta", new Shape(1, channels, 1, 1),
                Init.zeros(channels), trainable, seg);
        return new GroupNorm(gamma, beta, groups);
    }

    /**
     * SiLU, {@code x * sigmoid(x)}.
     *
     * <p>Not {@code Activation.swish(x, 1)}: DJL computes {@code x.mul(beta)} with a scalar tensor
     * that wraps a Java direct buffer and closes it at once; autograd keeps the scalar for the
     * backward pass, the buffer is freed at the next garbage collection, and gradients silently
     * read freed memory (NaN weights at random steps). Differentiable code here therefore never
     * uses the {@code Number} overloads of multiplication or division.
     */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}
