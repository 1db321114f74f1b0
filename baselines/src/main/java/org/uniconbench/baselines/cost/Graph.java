package org.uniconbench.baselines.cost;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A symbolic training step: tensors are sizes, operations add FLOPs and mark what autograd saves.
 * The walks call one method per operation of the real forward pass, in the same order.
 *
 * <p>The model, per operation type (PyTorch's autograd formulas; "recorded" = some input requires
 * a gradient and gradient mode is on; nothing is recorded under {@link #withoutGradient}):
 * <ul>
 *   <li>convolution: keeps its input whenever recorded (one backward formula for input and weight);
 *   forward {@code 2 N Ho Wo Cout Cin k^2}; backward that again for the input's gradient (when the
 *   input requires one) and again for the weight's (when trainable).</li>
 *   <li>linear: keeps its input only when its weight is trainable ({@code addmm} saves each operand
 *   only for the other's gradient); FLOPs as the convolution's.</li>
 *   <li>GroupNorm as this harness writes it (libtorch's fused {@code layer_norm} over
 *   {@code [N, G, C/G*H*W]}, then a per-channel multiply and add): keeps its input when the input
 *   requires a gradient, plus the normalised values when its scale is trainable (the multiply's
 *   saved operand); statistics are negligible ({@code N x groups}).</li>
 *   <li>LayerNorm (libtorch's fused kernel, constant affine): keeps its input.</li>
 *   <li>SiLU as {@code x * sigmoid(x)}: keeps x and sigmoid(x). GELU: keeps its input.</li>
 *   <li>element-wise multiplication: keeps each operand for the other's gradient; addition and
 *   concatenation keep nothing; softmax keeps its output.</li>
 *   <li>batched matrix products (attention): keep a contiguous copy of each operand for the
 *   other's gradient ({@code q k^T}: q and k; {@code P v}: P and v).</li>
 * </ul>
 * Element-wise operations count one FLOP per output value forward and one per value per input that
 * needs a gradient backward (they are a few percent of the total). Backward of a frozen layer
 * computes the input's gradient only: about 1x its forward, against 2x for a trainable one.
 *
 * <p>Besides what autograd saves, this harness's DJL step keeps every tensor created outside a
 * block's scope (block outputs, hooks, connectors, hint encoder, time embedding) until the step
 * ends ({@code nn/Scopes}); {@link #heldElements} counts those, {@link #keptElements} the union.
 */
public final class Graph {

    /** A tensor, by size; identity matters (a tensor saved twice is kept once). */
    public static final class Tensor {
        private final long elements;
        private final boolean grad;

        private Tensor(long elements, boolean grad) {
            this.elements = elements;
            this.grad = grad;
        }

        /** Values in the tensor. */
        public long elements() {
            return elements;
        }

        /** Whether it requires a gradient (is part of the autograd graph). */
        public boolean grad() {
            return grad;
        }
    }

    private final Map<Tensor, Part> saved = new IdentityHashMap<>(); // the part whose operation saved it first
    private final Set<Tensor> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private final double[] forward = new double[Part.values().length];
    private final double[] backward = new double[Part.values().length];
    private final double[] constantForward = new double[Part.values().length];
    private Part part = Part.BACKBONE;
    private boolean recording = true;
    private int scopeDepth;

    /** Accounts what follows to {@code part}. */
    public void part(Part p) {
        this.part = p;
    }

    /** The part operations are accounted to now. */
    public Part part() {
        return part;
    }

    /** A constant input (data, noise, timesteps): requires no gradient. */
    public Tensor input(long elements) {
        return held(new Tensor(elements, false));
    }

    /** A constant of the network (a position table): allocated once, not per step. */
    public Tensor constant(long elements) {
        return new Tensor(elements, false);
    }

    /** A view of part of {@code t} (split, reshape): no new memory, in the graph when t is. */
    public Tensor viewOf(Tensor t, long elements) {
        return new Tensor(elements, t.grad);
    }

    /**
     * Runs {@code body} as {@code torch.no_grad()}: nothing is recorded or saved, no backward.
     *
     * @param body the computation
     */
    public void withoutGradient(Runnable body) {
        boolean previous = recording;
        recording = false;
        try {
            body.run();
        } finally {
            recording = previous;
        }
    }

    /**
     * Runs {@code body} as one block in its own scope ({@code Scopes.block}): its intermediates are
     * released when it returns (unless autograd saved them); its output is held by the caller.
     *
     * @param body the block
     * @return its output
     */
    public Tensor block(java.util.function.Supplier<Tensor> body) {
        scopeDepth++;
        Tensor out;
        try {
            out = body.get();
        } finally {
            scopeDepth--;
        }
        return held(out);
    }

    /**
     * A convolution over {@code [n x cin x h x w]} (padding "same" for odd kernels).
     *
     * @return {@code [n x cout x h/stride x w/stride]}
     */
    public Tensor conv(Tensor x, long n, int cin, int h, int w, int cout, int kernel, int stride,
            boolean trainable) {
        long outPixels = (long) (h / stride) * (w / stride);
        double flops = 2.0 * n * outPixels * cout * cin * kernel * kernel;
        Tensor out = op(n * outPixels * cout, flops, x.grad || trainable);
        if (out.grad) {
            keep(x);
            backward(flops, x.grad, trainable);
        }
        return out;
    }

    /** A linear layer over {@code rows} rows of {@code in} features. */
    public Tensor linear(Tensor x, long rows, int in, int out, boolean trainable) {
        double flops = 2.0 * rows * in * out;
        Tensor y = op(rows * out, flops, x.grad || trainable);
        if (y.grad) {
            if (trainable) {
                keep(x);
            }
            backward(flops, x.grad, trainable);
        }
        return y;
    }

    /** A batched matrix product with {@code flops} forward FLOPs and {@code outElements} values. */
    public Tensor matmul(Tensor a, Tensor b, double flops, long outElements) {
        Tensor y = op(outElements, flops, a.grad || b.grad);
        if (y.grad) {
            if (b.grad) {
                keep(copy(a));
            }
            if (a.grad) {
                keep(copy(b));
            }
            backward[part.ordinal()] += flops * ((a.grad ? 1 : 0) + (b.grad ? 1 : 0));
        }
        return y;
    }

    /** The same matrix product where {@code a} is already contiguous (softmax's output) and saved as is. */
    public Tensor matmulSavedLeft(Tensor a, Tensor b, double flops, long outElements) {
        Tensor y = op(outElements, flops, a.grad || b.grad);
        if (y.grad) {
            if (b.grad) {
                keep(a);
            }
            if (a.grad) {
                keep(copy(b));
            }
            backward[part.ordinal()] += flops * ((a.grad ? 1 : 0) + (b.grad ? 1 : 0));
        }
        return y;
    }

    /** This harness's GroupNorm: a new tensor of x's size; see the class comment for what it keeps. */
    public Tensor groupNorm(Tensor x, boolean trainable) {
        Tensor out = elementwise(x.elements, 8, x.grad || trainable, x.grad ? 1 : 0);
        if (out.grad) {
            if (x.grad) {
                keep(new Tensor(x.elements, true)); // layer_norm's saved input
            }
            if (trainable) {
                keep(new Tensor(x.elements, true)); // the normalised values (for the scale's gradient)
            }
        }
        return out;
    }

    /** LayerNorm without learned affine (libtorch's kernel): keeps its input. */
    public Tensor layerNorm(Tensor x) {
        Tensor out = elementwise(x.elements, 5, x.grad, 1);
        if (out.grad) {
            keep(x);
        }
        return out;
    }

    /** SiLU as {@code x * sigmoid(x)}: keeps x and the sigmoid. */
    public Tensor silu(Tensor x) {
        Tensor out = elementwise(x.elements, 2, x.grad, 2);
        if (out.grad) {
            keep(x);
            keep(new Tensor(x.elements, true));
        }
        return out;
    }

    /** GELU: keeps its input. */
    public Tensor gelu(Tensor x) {
        Tensor out = elementwise(x.elements, 1, x.grad, 1);
        if (out.grad) {
            keep(x);
        }
        return out;
    }

    /** Softmax: keeps its output. */
    public Tensor softmax(Tensor x) {
        Tensor out = elementwise(x.elements, 3, x.grad, 1);
        if (out.grad) {
            keep(out);
        }
        return out;
    }

    /** Element-wise product (broadcasting): keeps each operand for the other's gradient. */
    public Tensor mul(Tensor a, Tensor b) {
        Tensor out = elementwise(Math.max(a.elements, b.elements), 1, a.grad || b.grad,
                (a.grad ? 1 : 0) + (b.grad ? 1 : 0));
        if (out.grad) {
            if (b.grad) {
                keep(a);
            }
            if (a.grad) {
                keep(b);
            }
        }
        return out;
    }

    /** Product with a constant (a scale): keeps nothing large. */
    public Tensor scale(Tensor a) {
        return elementwise(a.elements, 1, a.grad, 1);
    }

    /** Element-wise sum (broadcasting): keeps nothing. */
    public Tensor add(Tensor a, Tensor b) {
        return elementwise(Math.max(a.elements, b.elements), 1, a.grad || b.grad,
                (a.grad ? 1 : 0) + (b.grad ? 1 : 0));
    }

    /** Concatenation along channels: a new tensor, keeps nothing. */
    public Tensor concat(Tensor a, Tensor b) {
        return elementwise(a.elements + b.elements, 0, a.grad || b.grad, 1);
    }

    /** A copy of {@code factor} times x's values (an upsampling, a non-contiguous reshape): keeps nothing. */
    public Tensor expand(Tensor x, int factor) {
        return elementwise(x.elements * factor, 0, x.grad, 1);
    }

    /** Forward FLOPs of a part. */
    public double forwardFlops(Part p) {
        return forward[p.ordinal()];
    }

    /**
     * Forward FLOPs of a part's operations outside the autograd graph: their results do not depend
     * on a trainable value, so a training loop could compute them once per sample and cache them.
     */
    public double constantForwardFlops(Part p) {
        return constantForward[p.ordinal()];
    }

    /** Backward FLOPs of a part. */
    public double backwardFlops(Part p) {
        return backward[p.ordinal()];
    }

    /** Values autograd keeps for backward (each saved tensor once). */
    public long savedElements() {
        return saved.keySet().stream().mapToLong(t -> t.elements).sum();
    }

    /** Values autograd keeps for backward, saved by operations of {@code p}. */
    public long savedElements(Part p) {
        return saved.entrySet().stream().filter(e -> e.getValue() == p).mapToLong(e -> e.getKey().elements).sum();
    }

    /** Values this harness's step keeps alive until it ends (outside block scopes). */
    public long heldElements() {
        return held.stream().mapToLong(t -> t.elements).sum();
    }

    /** Values alive at the end of the forward pass: saved or held, each tensor once. */
    public long keptElements() {
        Set<Tensor> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(saved.keySet());
        all.addAll(held);
        return all.stream().mapToLong(t -> t.elements).sum();
    }

    // ---- internals ----

    private Tensor op(long elements, double flops, boolean inGraph) {
        forward[part.ordinal()] += flops;
        if (!(recording && inGraph)) {
            constantForward[part.ordinal()] += flops;
        }
        return held(new Tensor(elements, recording && inGraph));
    }

    private Tensor elementwise(long elements, int flopsPerValue, boolean inGraph, int gradientInputs) {
        Tensor out = op(elements, (double) flopsPerValue * elements, inGraph);
        if (out.grad) {
            backward[part.ordinal()] += (double) Math.max(1, flopsPerValue) * elements * gradientInputs;
        }
        return out;
    }

    private void backward(double flops, boolean inputGradient, boolean weightGradient) {
        backward[part.ordinal()] += flops * ((inputGradient ? 1 : 0) + (weightGradient ? 1 : 0));
    }

    private Tensor copy(Tensor t) {
        return new Tensor(t.elements, t.grad);
    }

    private void keep(Tensor t) {
        saved.putIfAbsent(t, part);
    }

    private Tensor held(Tensor t) {
        if (scopeDepth == 0) {
            held.add(t);
        }
        return t;
    }
}
