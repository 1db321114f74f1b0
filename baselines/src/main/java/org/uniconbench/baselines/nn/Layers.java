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

    /**
     * A depthwise convolution, stride 1, padded to keep the size: one {@code kernel x kernel} filter
     * per channel (weight {@code [channels x 1 x k x k]}, fan-in {@code k x k}).
     *
     * @param name parameter name prefix
     * @param channels input and output channels
     * @param kernel kernel size, odd
     * @return the layer
     */
    public Conv2d depthwise(String name, int channels, int kernel) {
        int fanIn = kernel * kernel;
        NDArray w = parameters.add(name + ".weight", new Shape(channels, 1, kernel, kernel),
                init.uniform(channels * fanIn, fanIn), trainable, null);
        NDArray b = parameters.add(name + ".bias", new Shape(channels), init.uniform(channels, fanIn), trainable,
                null);
        return new Conv2d(w, b, 1, kernel / 2, channels);
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
     * A fully connected layer whose output (and optionally input) features are concatenated
     * parts, declared so that a narrower adapter copy takes the first features of each part.
     *
     * @param name parameter name prefix
     * @param in input features
     * @param out output features
     * @param zero zero-initialise weight and bias (the layer outputs exactly zero until trained)
     * @param outSegments sizes of the concatenated output parts (summing to {@code out}), or null
     * @param inSegments sizes of the concatenated input parts (summing to {@code in}), or null
     * @return the layer
     */
    public Dense dense(String name, int in, int out, boolean zero, int[] outSegments,
            int[] inSegments) {
        checkSegments(name + ".weight", out, outSegments);
        checkSegments(name + ".weight", in, inSegments);
        NDArray w = parameters.add(name + ".weight", new Shape(out, in),
                zero ? Init.zeros(out * in) : init.uniform(out * in, in), trainable,
                outSegments == null && inSegments == null ? null
                        : new int[][] {outSegments, inSegments});
        NDArray b = parameters.add(name + ".bias", new Shape(out),
                zero ? Init.zeros(out) : init.uniform(out, in), trainable,
                outSegments == null ? null : new int[][] {outSegments});
        return new Dense(w, b);
    }

    /**
     * A zero-initialised fully connected layer (adaLN-Zero's modulation and DiT's output head).
     *
     * @param name parameter name prefix
     * @param in input features
     * @param out output features
     * @param outSegments sizes of the concatenated output parts, or null
     * @return the layer
     */
    public Dense zeroDense(String name, int in, int out, int[] outSegments) {
        return dense(name, in, out, true, outSegments, null);
    }

    /**
     * A fixed array (a constant of the network, not a parameter: never trained, never copied,
     * never checkpointed) on the parameters' manager, owning its memory.
     *
     * <p>Differentiable code multiplies by constants made here rather than by a {@code Number}
     * (see {@link #silu}); the array lives as long as the parameters, so autograd may keep it.
     *
     * @param shape its shape
     * @param values row-major values, {@code shape.size()} of them
     * @return the array
     */
    public NDArray constant(Shape shape, float... values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape);
        }
        try (NDArray borrowed = parameters.manager().create(values, shape)) {
            // create() wraps a Java direct buffer (torch::from_blob); a clone owns its memory
            return borrowed.duplicate();
        }
    }

    private static void checkSegments(String name, int size, int[] segments) {
        if (segments != null && java.util.Arrays.stream(segments).sum() != size) {
            throw new IllegalArgumentException(name + ": segments "
                    + java.util.Arrays.toString(segments) + " do not add up to " + size);
        }
    }

    /**
     * Group normalisation (Wu and He, 2018) with a learned per-channel scale and shift, in equal
     * groups.
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
        return groupNorm(name, GroupLayout.uniform(channels, groups), segments);
    }

    /**
     * Group normalisation over any consecutive groups (a sliced adapter copy's).
     *
     * @param name parameter name prefix
     * @param layout the groups; its channel count is the layer's
     * @param segments sizes of concatenated input parts, or null
     * @return the layer
     */
    public GroupNorm groupNorm(String name, GroupLayout layout, int[] segments) {
        int channels = layout.channels();
        int[][] seg = {null, segments, null, null};
        // Stored as [1, C, 1, 1] so the forward pass broadcasts without reshaping a parameter
        // (a reshape would allocate on the long-lived parameter manager at every call).
        NDArray gamma = parameters.add(name + ".gamma", new Shape(1, channels, 1, 1),
                Init.ones(channels), trainable, seg);
        NDArray beta = parameters.add(name + ".beta", new Shape(1, channels, 1, 1),
                Init.zeros(channels), trainable, seg);
        NDArray averaging = layout.isUniform() ? null
                : constant(new Shape(channels, channels), GroupNorm.averagingMatrix(layout));
        return new GroupNorm(gamma, beta, layout, averaging);
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
