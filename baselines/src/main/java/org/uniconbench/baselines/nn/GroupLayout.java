package org.uniconbench.baselines.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a GroupNorm splits its channels: the sizes of its consecutive groups.
 *
 * <p>A backbone's norms are {@link #uniform}: {@code groups} groups of equal size. A narrower
 * adapter copy's norm is the backbone's {@link #slice}: each copy group holds exactly the copy's
 * channels of one backbone group, so it normalises over the same channels as the backbone's group
 * when the copy keeps that group whole, over a subset of them when the slice cuts it, and never
 * over channels of two backbone groups. (Fixing the copy's group COUNT instead, as this harness once
 * did, makes a copy group straddle backbone groups, or turns GroupNorm into instance norm.)
 *
 * @param sizes channels per group, in channel order, each at least 1
 */
public record GroupLayout(int[] sizes) {

    /** Validates and copies. */
    public GroupLayout {
        sizes = sizes.clone();
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("group sizes must be >= 1, found " + Arrays.toString(sizes));
        }
    }

    /**
     * {@code groups} groups of {@code channels / groups} channels.
     *
     * @param channels channels; divisible by groups
     * @param groups number of groups
     * @return the layout
     */
    public static GroupLayout uniform(int channels, int groups) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels are not divisible by " + groups + " groups");
        }
        int[] sizes = new int[groups];
        Arrays.fill(sizes, channels / groups);
        return new GroupLayout(sizes);
    }

    /**
     * The layout of a copy that keeps the first {@code copyParts[i]} channels of each concatenated
     * input part (see {@link SliceIndex}): one group per backbone group the copy reads, holding the
     * copy's channels of it (they are consecutive, since the slice keeps channel order).
     *
     * @param sourceParts the backbone norm's input parts (one entry when not concatenated)
     * @param copyParts the copy's parts, each at most the backbone's
     * @return the copy's layout
     */
    public GroupLayout slice(int[] sourceParts, int[] copyParts) {
        int[] groupOf = groupOfChannel();
        int sourceSize = Arrays.stream(sourceParts).sum();
        if (sourceSize != groupOf.length) {
            throw new IllegalArgumentException("parts " + Arrays.toString(sourceParts) + " do not add up to "
                    + groupOf.length + " channels");
        }
        int[] index = SliceIndex.of(sourceSize, sourceParts, Arrays.stream(copyParts).sum(), copyParts, "GroupNorm");
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < index.length; k++) {
            if (k == 0 || groupOf[index[k]] != groupOf[index[k - 1]]) {
                out.add(0);
            }
            out.set(out.size() - 1, out.get(out.size() - 1) + 1);
        }
        return new GroupLayout(out.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Channels per group (a copy). */
    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** For every channel, the index of its group. */
    public int[] groupOfChannel() {
        int[] groupOf = new int[channels()];
        int c = 0;
        for (int g = 0; g < sizes.length; g++) {
            for (int k = 0; k < sizes[g]; k++) {
                groupOf[c++] = g;
            }
        }
        return groupOf;
    }

    /** Number of channels. */
    public int channels() {
        return Arrays.stream(sizes).sum();
    }

    /** Number of groups. */
    public int count() {
        return sizes.length;
    }

    /** Whether all groups have the same size (the backbone's case, computed the fast way). */
    public boolean isUniform() {
        return Arrays.stream(sizes).allMatch(s -> s == sizes[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupLayout other && Arrays.equals(sizes, other.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "GroupLayout" + Arrays.toString(sizes);
    }
}
