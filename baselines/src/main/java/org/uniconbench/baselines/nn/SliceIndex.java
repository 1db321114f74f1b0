package org.uniconbench.baselines.nn;

/**
 * Which backbone channel each channel of a narrower copy reads, on one axis: the first channels of
 * every concatenated part. The one place that says it; weight copies ({@code WeightCopy}) and the
 * copies' GroupNorm layouts ({@link GroupLayout#slice}) both use it, so they cannot disagree.
 */
public final class SliceIndex {

    private SliceIndex() {
    }

    /**
     * For one axis: the source index each target index reads.
     *
     * @param sourceSize the backbone's size of the axis
     * @param sourceParts the backbone's concatenated parts on the axis (summing to sourceSize), or
     *     null for one part
     * @param targetSize the copy's size of the axis
     * @param targetParts the copy's parts, as many as the backbone's, or null for one part
     * @param name the parameter or layer, for messages
     * @return {@code targetSize} source indices, increasing
     * @throws IllegalArgumentException when the parts differ in number or a copy part is wider
     */
    public static int[] of(int sourceSize, int[] sourceParts, int targetSize, int[] targetParts, String name) {
        int[] src = sourceParts == null ? new int[] {sourceSize} : sourceParts;
        int[] dst = targetParts == null ? new int[] {targetSize} : targetParts;
        if (src.length != dst.length) {
            throw new IllegalArgumentException(name + ": concatenated parts differ");
        }
        int[] index = new int[targetSize];
        int sourceStart = 0;
        int targetStart = 0;
        for (int part = 0; part < src.length; part++) {
            if (dst[part] > src[part]) {
                throw new IllegalArgumentException(name + ": adapter part of " + dst[part]
                        + " channels is wider than the backbone's " + src[part]);
            }
            for (int k = 0; k < dst[part]; k++) {
                index[targetStart + k] = sourceStart + k;
            }
            sourceStart += src[part];
            targetStart += dst[part];
        }
        return index;
    }
}
