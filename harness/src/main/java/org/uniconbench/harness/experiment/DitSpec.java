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
 */
public record DitSpec(int patch, int hidden, int depth, int heads, int mlpRatio, boolean longSkips) {

    /** The key's architecture part; without long skips, what it was before they existed. */
    public String cacheKeyPart() {
        String before = "DitSpec[patch=" + patch + ", hidden=" + hidden + ", depth=" + depth + ", heads=" + heads
                + ", mlpRatio=" + mlpRatio + "]";
        return longSkips ? before + ",longSkips" : before;
    }
}
