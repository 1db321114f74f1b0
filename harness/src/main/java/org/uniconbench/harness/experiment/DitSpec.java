package org.uniconbench.harness.experiment;

/**
 * The transformer keys of the {@code backbone:} block, used when {@code kind: dit}.
 *
 * @param patch    patch side in pixels, 1..16, dividing the resolution
 * @param hidden   token width, 8..1024, divisible by {@code heads}
 * @param depth    transformer blocks, 2..32
 * @param heads    attention heads, 1..16
 * @param mlpRatio MLP hidden width over token width, 1..8
 * @param longSkips U-ViT's long skips between the first and last blocks ({@code long_skips}, off
 *     by default)
 * @param convMlp a depthwise 3x3 convolution over the token map in every block's MLP
 *     ({@code conv_mlp}, SegFormer's Mix-FFN; off by default; our departure from DiT)
 */
public record DitSpec(int patch, int hidden, int depth, int heads, int mlpRatio, boolean longSkips, boolean convMlp) {

    /** A DiT without the convolutional MLP. */
    public DitSpec(int patch, int hidden, int depth, int heads, int mlpRatio, boolean longSkips) {
        this(patch, hidden, depth, heads, mlpRatio, longSkips, false);
    }

    /** The key's architecture part; without the later options, what it was before they existed. */
    public String cacheKeyPart() {
        String before = "DitSpec[patch=" + patch + ", hidden=" + hidden + ", depth=" + depth + ", heads=" + heads
                + ", mlpRatio=" + mlpRatio + "]";
        return before + (longSkips ? ",longSkips" : "") + (convMlp ? ",convMlp" : "");
    }
}
