package org.uniconbench.baselines.control;

import org.uniconbench.baselines.Spelled;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which blocks of the backbone the adapter copies (the UniCon paper's five ablation variants).
 *
 * <p>On a chain backbone (DiT) of {@code N} blocks: ENCODER = blocks {@code [0, N/2)}, DECODER =
 * {@code [N/2, N)}, SKIP_LAYER = every other block from the first, FULL = all, DISCARD = the
 * decoder half with the frozen backbone's decoder half dropped. On the U-Net: ENCODER = input
 * convolution, encoder and middle (ControlNet's copy), FULL = the whole network; the other
 * three need a chain to cut and are rejected for the U-Net by {@link #problem}.
 */
public enum Scope implements Spelled {
    /** The first half: ControlNet's copy (encoder and middle of a U-Net). */
    ENCODER,
    /** The second half, fed with the backbone's feature at the half-way point. */
    DECODER,
    /** Every other block. */
    SKIP_LAYER,
    /** Every block: UniCon's copy. */
    FULL,
    /** The decoder half replaces the backbone's, which is not run at all. */
    DISCARD;

    /**
     * Why this scope cannot work with this flow on this kind of backbone, or {@code null} when it can.
     * The single list of rejected variants; experiment validation reports these reasons verbatim.
     *
     * @param flow the information flow
     * @param chainBackbone true for a chain of blocks (DiT), false for the U-Net
     * @return the reason, or null
     */
    public String problem(Flow flow, boolean chainBackbone) {
        if (!chainBackbone && (this == DECODER || this == SKIP_LAYER || this == DISCARD)) {
            return "scope " + yamlName() + " cuts the backbone into a chain of blocks; the U-Net's skip "
                    + "connections tie its encoder to its decoder, so use backbone kind: dit for this ablation "
                    + "(the U-Net supports scopes encoder and full)";
        }
        if (this == ENCODER && flow == Flow.UNIDIRECTIONAL) {
            return "an encoder copy with unidirectional flow would have to produce the output from the first "
                    + "half of the network alone (the paper: encoder-only UniCon does not work); use flow: "
                    + "bidirectional (ControlNet) or a scope that reaches the output (decoder, skip_layer, full)";
        }
        if (this == DISCARD && flow == Flow.BIDIRECTIONAL) {
            return "scope discard drops the frozen decoder, so there is no backbone output for adapter features "
                    + "to flow into; discard is unidirectional only";
        }
        return null;
    }

    /**
     * The indices of the blocks this scope copies on a chain of {@code n} blocks (see the class
     * comment): the one rule the chain topology builds and the cost model counts.
     *
     * @param n blocks in the chain
     * @return the copied indices, ascending
     */
    public SortedSet<Integer> chainBlocks(int n) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            boolean take = switch (this) {
                case ENCODER -> i < n / 2;
                case DECODER, DISCARD -> i >= n / 2;
                case SKIP_LAYER -> i % 2 == 0;
                case FULL -> true;
            };
            if (take) {
                out.add(i);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }
}
