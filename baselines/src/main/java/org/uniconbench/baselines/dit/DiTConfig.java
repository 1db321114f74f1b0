package org.uniconbench.baselines.dit;

/**
 * The shape of a Diffusion Transformer (Peebles and Xie, "Scalable Diffusion Models with
 * Transformers", ICCV 2023): the image is cut into {@code patch x patch} patches, one token each,
 * and {@code depth} transformer blocks of width {@code hidden} process the tokens.
 *
 * @param imageSize image height and width in pixels; divisible by {@code patch}
 * @param imageChannels channels of the images (1: grayscale)
 * @param patch patch side in pixels; {@code (imageSize / patch)^2} tokens
 * @param hidden token width {@code D}; divisible by {@code heads}
 * @param depth number of transformer blocks
 * @param heads attention heads; each has {@code hidden / heads} dimensions
 * @param mlpRatio the MLP's hidden width is {@code mlpRatio * hidden}
 * @param timeFeatures width of the sinusoidal timestep features; an adapter keeps the backbone's,
 *     so its copied time MLP reads the same frequencies at any width
 */
public record DiTConfig(int imageSize, int imageChannels, int patch, int hidden, int depth,
        int heads, int mlpRatio, int timeFeatures) {

    /** Validates; every message names the field, the value found and what is allowed. */
    public DiTConfig {
        positive("imageSize", imageSize);
        positive("imageChannels", imageChannels);
        positive("patch", patch);
        positive("hidden", hidden);
        positive("depth", depth);
        positive("heads", heads);
        positive("mlpRatio", mlpRatio);
        if (imageSize % patch != 0) {
            throw new IllegalArgumentException("patch must divide imageSize " + imageSize
                    + ", found " + patch);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden must be a multiple of heads " + heads
                    + ", found " + hidden);
        }
        if (hidden % 4 != 0) {
            // the 2-D sin-cos position embedding gives a quarter of the width to each of
            // sin(row), cos(row), sin(column), cos(column)
            throw new IllegalArgumentException("hidden must be a multiple of 4, found " + hidden);
        }
        if (timeFeatures < 2 || timeFeatures % 2 != 0) {
            throw new IllegalArgumentException("timeFeatures must be even and >= 2, found "
                    + timeFeatures);
        }
    }

    /**
     * The default small DiT for 32x32 grayscale images: 4x4 patches (64 tokens), width 96,
     * 6 blocks of 4 heads, MLP ratio 4 (DiT's), 96 time features.
     */
    public static DiTConfig small() {
        return new DiTConfig(32, 1, 4, 96, 6, 4, 4, 96);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, found " + value);
        }
    }

    /** Patches per image side. */
    public int grid() {
        return imageSize / patch;
    }

    /** Tokens per image, {@code grid()^2}. */
    public int tokens() {
        return grid() * grid();
    }

    /** Values in one patch, {@code patch * patch * imageChannels}. */
    public int patchValues() {
        return patch * patch * imageChannels;
    }

    /** Dimensions per attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /**
     * The config of a narrower adapter copy: {@code hidden} scaled by {@code width} and rounded to
     * a multiple of {@code 4 * heads} (at least that), so every head keeps its place and gets
     * fewer dimensions; everything else, depth included, is the backbone's.
     *
     * @param width width multiplier in (0, 1]
     * @return the adapter's config
     */
    public DiTConfig scaled(double width) {
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("width must be in (0, 1], found " + width);
        }
        int unit = lcm(heads, 4);
        int scaled = Math.max(unit, (int) Math.round(hidden * width / unit) * unit);
        return new DiTConfig(imageSize, imageChannels, patch, scaled, depth, heads, mlpRatio,
                timeFeatures);
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
