package org.uniconbench.baselines.unet;

import java.util.List;

/**
 * The shape of a U-Net: channels per resolution level, residual blocks per level, GroupNorm groups
 * and which sections exist; for an adapter copy, also the backbone it is sliced from.
 *
 * @param channels channels per level, first = highest resolution; each divisible by {@code groups}
 * @param resBlocks residual blocks per encoder level (the decoder has one more per level)
 * @param groups GroupNorm groups of every norm of a backbone; of a copy, the groups every norm of one
 *     level's features keeps (its norms over concatenated inputs follow {@code source})
 * @param imageChannels channels of the images (1: grayscale)
 * @param withDecoder false for ControlNet's copy, which has encoder and middle only
 * @param timeFeatures width of the sinusoidal timestep features; an adapter keeps the backbone's,
 *     so its copied time MLP reads the same frequencies at any width
 * @param source the backbone's config when this is a copy sliced from it ({@link #scaled}), else
 *     null; each GroupNorm of the copy then groups its channels as the backbone's norm of the same
 *     name does ({@link org.uniconbench.baselines.nn.GroupLayout#slice})
 */
public record UNetConfig(List<Integer> channels, int resBlocks, int groups, int imageChannels,
        boolean withDecoder, int timeFeatures, UNetConfig source) {

    /**
     * A backbone config whose sinusoidal time features are as wide as its first level.
     *
     * @param channels channels per level
     * @param resBlocks residual blocks per encoder level
     * @param groups GroupNorm groups
     * @param imageChannels image channels
     * @param withDecoder whether the decoder exists
     */
    public UNetConfig(List<Integer> channels, int resBlocks, int groups, int imageChannels,
            boolean withDecoder) {
        this(channels, resBlocks, groups, imageChannels, withDecoder, channels.get(0), null);
    }

    /** Validates and copies. */
    public UNetConfig {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("A U-Net needs at least one level");
        }
        for (int c : channels) {
            if (c % groups != 0) {
                throw new IllegalArgumentException(
                        "channels " + channels + " must be divisible by groups " + groups);
            }
        }
        if (timeFeatures < 2 || timeFeatures % 2 != 0) {
            throw new IllegalArgumentException("timeFeatures must be even and >= 2, found " + timeFeatures);
        }
        if (resBlocks < 1) {
            throw new IllegalArgumentException("resBlocks must be >= 1, found " + resBlocks);
        }
        if (source != null && (source.source() != null || source.levels() != channels.size())) {
            throw new IllegalArgumentException("a copy's source must be a backbone config with "
                    + channels.size() + " levels");
        }
    }

    /** Number of resolution levels. */
    public int levels() {
        return channels.size();
    }

    /** Width of the time embedding (4 x the first level's channels, as in improved-diffusion). */
    public int timeDim() {
        return 4 * channels.get(0);
    }

    /**
     * The config of an adapter copy: the same {@code k} of the backbone's {@code groups} GroupNorm
     * groups on every level, {@code k = round(groups * width)} (at least 1), so each level keeps
     * the backbone's group SIZE ({@code channels / groups}) and drops whole groups: a copy of
     * [16, 32, 64] / 8 groups at width 0.6 has [10, 20, 40] channels, 5 groups of 2, 4 and 8. The
     * copy's actual width is {@code k / groups}. Norms over a decoder's concatenated {@code [h, skip]}
     * keep the backbone's grouping of each part (see {@link #source}); where a part's slice ends
     * inside one of the backbone's groups there (their size is the sum of the parts over
     * {@code groups}), the copy's group holds that group's first channels only.
     *
     * @param width channel multiplier in (0, 1]
     * @param depth residual blocks per level, 1..resBlocks
     * @param decoder whether the copy includes the decoder
     * @return the adapter's config
     */
    public UNetConfig scaled(double width, int depth, boolean decoder) {
        if (source != null) {
            throw new IllegalArgumentException("scale the backbone's config, not a copy's");
        }
        if (depth < 1 || depth > resBlocks) {
            throw new IllegalArgumentException(
                    "adapter depth must be in 1.." + resBlocks + ", found " + depth);
        }
        int kept = keptGroups(width);
        List<Integer> scaled = channels.stream().map(c -> c / groups * kept).toList();
        return new UNetConfig(scaled, depth, kept, imageChannels, decoder, timeFeatures, this);
    }

    /**
     * How many of the {@code groups} groups a copy of this width keeps per level.
     *
     * @param width channel multiplier in (0, 1]
     * @return {@code round(groups * width)}, at least 1
     */
    public int keptGroups(double width) {
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("width must be in (0, 1], found " + width);
        }
        return Math.max(1, (int) Math.round(groups * width));
    }
}
