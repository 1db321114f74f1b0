package org.uniconbench.baselines.cost;

import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts an arm's training cost from its architecture alone: no weight is allocated, nothing
 * trains. Parameter counts equal the built model's exactly (tested); memory and FLOPs follow the
 * per-operation model of {@link Graph} under the {@link #ASSUMPTIONS}.
 */
public final class CostModel {

    /** Every assumption the figures rest on, one sentence each. */
    public static final List<String> ASSUMPTIONS = List.of(
            "backbone features are recomputed every step (the frozen backbone's forward is part of each step); "
                    + "'features cached' removes the backbone's operations outside the autograd graph (UniCon's "
                    + "whole backbone, ControlNet's frozen encoder), the paper's setting for its 2.3x",
            "no gradient checkpointing, attention not fused (flash attention would not keep the T x T softmax)",
            "autograd keeps per operation: convolution its input; linear its input when its weight trains; "
                    + "GroupNorm (this harness's composite) the centred input, plus the normalised values when "
                    + "its scale trains; LayerNorm its input; SiLU its input and sigmoid; GELU its input; "
                    + "attention contiguous q, k, v and the softmax; element-wise products their operands",
            "activations = what autograd keeps plus what this harness's DJL step holds until it ends (block "
                    + "outputs, connectors, hint encoder); 'saved' is autograd's part alone (PyTorch eager)",
            "backward of a frozen layer computes the input's gradient only (about 1x its forward FLOPs), of a "
                    + "trainable one the input's and the weight's (about 2x); a multiply-add is 2 FLOPs",
            "Adam keeps 2 moments per trainable value; gradients are kept between steps (zeroed in place)",
            "every tensor (weights, gradients, moments, activations) is in the chosen precision (pure BF16 has "
                    + "no fp32 master weights); allocator slack and libtorch's working memory are not modelled",
            "the U-Net has no attention layers (this harness's U-Net is convolutional); images and latents "
                    + "have 1 channel, the condition 1 channel");

    private CostModel() {
    }

    /**
     * An arm on a U-Net backbone.
     *
     * @param backbone the backbone's architecture (with decoder)
     * @param resolution image side in pixels, divisible by {@code 2^(levels-1)}
     * @param spec the adapter
     * @param batch samples per step
     * @param precision number format
     * @return the prediction
     * @throws IllegalArgumentException when the adapter cannot be built on this backbone (the reason)
     */
    public static ArmCost unet(UNetConfig backbone, int resolution, AdapterSpec spec, int batch, Precision precision) {
        check(spec, false, batch);
        int divisor = 1 << (backbone.levels() - 1);
        if (resolution < divisor || resolution % divisor != 0) {
            throw new IllegalArgumentException("resolution " + resolution + " is not divisible by " + divisor
                    + ", which " + backbone.levels() + " U-Net levels need");
        }
        return cost(ArmWalk.unet(backbone, resolution, spec, batch), precision, batch, resolution);
    }

    /**
     * An arm on a DiT backbone (its resolution is the config's image size).
     *
     * @param backbone the backbone's architecture
     * @param spec the adapter
     * @param batch samples per step
     * @param precision number format
     * @return the prediction
     * @throws IllegalArgumentException when the adapter cannot be built on this backbone (the reason)
     */
    public static ArmCost dit(DiTConfig backbone, AdapterSpec spec, int batch, Precision precision) {
        check(spec, true, batch);
        return cost(ArmWalk.dit(backbone, spec, batch), precision, batch, backbone.imageSize());
    }

    private static void check(AdapterSpec spec, boolean chain, int batch) {
        String problem = spec.scope().problem(spec.flow(), chain);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, found " + batch);
        }
    }

    private static ArmCost cost(ArmWalk walk, Precision precision, int batch, int resolution) {
        Graph g = walk.graph();
        Map<Part, Double> forward = new EnumMap<>(Part.class);
        Map<Part, Double> backward = new EnumMap<>(Part.class);
        Map<Part, Long> saved = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            saved.put(p, g.savedElements(p) * precision.bytes());
            forward.put(p, g.forwardFlops(p));
            backward.put(p, g.backwardFlops(p));
        }
        return new ArmCost(precision, batch, resolution, walk.adapterParams(), walk.connectorParams(),
                walk.frozenParams(), walk.connectorCount(), g.keptElements() * precision.bytes(),
                g.savedElements() * precision.bytes(), saved, forward, backward, g.constantForwardFlops(Part.BACKBONE));
    }
}
