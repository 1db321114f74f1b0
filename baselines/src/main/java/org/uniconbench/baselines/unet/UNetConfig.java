package org.uniconbench.baselines.unet;

import java.util.List;

/**
 * The shape of a U-Net: channels per resolution level, residual blocks per level, GroupNorm groups
 * and which sections exist.
 *
 * @param channels channels per level, first = highest resolution; each divisible by {@code groups}
 * @param resBlocks residual blocks per encoder level (the decoder has one more per level)
 * @param groups GroupNorm groups
 * @param imageChannels channels of the images (1: grayscale)
 * @param withDecoder false for ControlNet's copy, which has encoder and middle only
 * @param timeFeatures width of the sinusoidal timestep features; an adapter keeps the backbone's,
 *     so its copied time MLP reads the same frequencies at any width
 */
public record UNetConfig(List<Integer> channels, int resBlocks, int groups, int imageChannels,
        boolean withDecoder, int timeFeatures) {

    /**
     * A config whose sinusoidal time features are as wide as its first level.
     *
     * @param channels channels per level
     * @param resBlocks residual blocks per encoder level
     * @param groups GroupNorm groups
     * @param imageChannels image channels
     * @param withDecoder whether the decoder exists
     */
    public UNetConfig(List<Integer> channels, int resBlocks, int groups, int imageChannels,
            boolean withDecoder) {
        this(channels, resBlocks, groups, imageChannels, withDecoder, channels.get(0));
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
     * The config of an adapter copy: channels scaled by {@code width} (rounded to whole groups,
     * at least one group), {@code depth} residual blocks per level.
     *
     * @param width channel multiplier in (0, 1]
     * @param depth residual blocks per level, 1..resBlocks
     * @param decoder whether the copy includes the decoder
     * @return the adapter's config
     */
    public UNetConfig scaled(double width, int depth, boolean decoder) {
        if (depth < 1 || depth > resBlocks) {
            throw new IllegalArgumentException(
                    "adapter depth must be in 1.." + resBlocks + ", found " + depth);
        }
        List<Integer> scaled = channels.stream()
                .map(c -> Math.max(groups, (int) Math.round(c * width / groups) * groups))
                .toList();
        return new UNetConfig(scaled, depth, groups, imageChannels, decoder, timeFeatures);
    }
}
