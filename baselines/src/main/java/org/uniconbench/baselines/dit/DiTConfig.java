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
 * @param headDim dimensions per attention head: {@code hidden / heads} for a backbone; a narrower
 *     copy keeps the backbone's and has fewer heads, so its attention is {@code heads * headDim}
 *     wide, not necessarily {@code hidden}
 * @param positionWidth width of the sin-cos position table the tokens take their first
 *     {@code hidden} channels of: {@code hidden} for a backbone, the backbone's for a copy, so that a
 *     copy's channel j carries the backbone's position code of channel j
 * @param longSkips U-ViT's long skip connections (Bao et al., "All are Worth Words: A ViT Backbone
 *     for Diffusion Models", CVPR 2023): block {@code j} of the last {@link #skipPairs()} blocks
 *     first maps the concatenation of its input and the output of block {@code depth - 1 - j} back
 *     to the token width with a linear layer ({@link #skipSource})
 * @param convMlp a 3x3 depthwise convolution over the token grid inside every block's MLP, between
 *     its first linear layer and the GELU (SegFormer's Mix-FFN, Xie et al., NeurIPS 2021; the
 *     "ConvFFN" of PVTv2 and LocalViT): a locality prior for a small DiT, which has none besides
 *     its patches. Our departure from DiT, named wherever it is used; off by default
 */
public record DiTConfig(int imageSize, int imageChannels, int patch, int hidden, int depth,
        int heads, int mlpRatio, int timeFeatures, int headDim, int positionWidth, boolean longSkips,
        boolean convMlp) {

    /**
     * A backbone: heads of {@code hidden / heads} dimensions, its own position table.
     *
     * @param imageSize image side in pixels
     * @param imageChannels image channels
     * @param patch patch side
     * @param hidden token width, a multiple of heads and of 4
     * @param depth transformer blocks
     * @param heads attention heads
     * @param mlpRatio MLP width over token width
     * @param timeFeatures sinusoidal timestep features
     */
    public DiTConfig(int imageSize, int imageChannels, int patch, int hidden, int depth, int heads,
            int mlpRatio, int timeFeatures) {
        this(imageSize, imageChannels, patch, hidden, depth, heads, mlpRatio, timeFeatures, false);
    }

    /**
     * A backbone, with or without long skips.
     *
     * @param imageSize image side in pixels
     * @param imageChannels image channels
     * @param patch patch side
     * @param hidden token width, a multiple of heads and of 4
     * @param depth transformer blocks
     * @param heads attention heads
     * @param mlpRatio MLP width over token width
     * @param timeFeatures sinusoidal timestep features
     * @param longSkips U-ViT's long skips
     */
    public DiTConfig(int imageSize, int imageChannels, int patch, int hidden, int depth, int heads,
            int mlpRatio, int timeFeatures, boolean longSkips) {
        this(imageSize, imageChannels, patch, hidden, depth, heads, mlpRatio, timeFeatures, longSkips, false);
    }

    /**
     * A backbone, with or without long skips and the convolutional MLP.
     *
     * @param imageSize image side in pixels
     * @param imageChannels image channels
     * @param patch patch side
     * @param hidden token width, a multiple of heads and of 4
     * @param depth transformer blocks
     * @param heads attention heads
     * @param mlpRatio MLP width over token width
     * @param timeFeatures sinusoidal timestep features
     * @param longSkips U-ViT's long skips
     * @param convMlp the depthwise convolution in every block's MLP
     */
    public DiTConfig(int imageSize, int imageChannels, int patch, int hidden, int depth, int heads,
            int mlpRatio, int timeFeatures, boolean longSkips, boolean convMlp) {
        this(imageSize, imageChannels, patch, hidden, depth, heads, mlpRatio, timeFeatures,
                headsDivide(hidden, heads), hidden, longSkips, convMlp);
    }

    /**
     * The same network on images of another side (the cost model's estimates at other resolutions).
     *
     * @param side image side in pixels, divisible by {@link #patch}
     * @return this config with {@code imageSize = side}
     */
    public DiTConfig atImageSize(int side) {
        return new DiTConfig(side, imageChannels, patch, hidden, depth, heads, mlpRatio, timeFeatures, headDim,
                positionWidth, longSkips, convMlp);
    }

    /** The MLP's hidden width, {@code mlpRatio * hidden} (the depthwise convolution's channels). */
    public int mlpWidth() {
        return mlpRatio * hidden;
    }

    /**
     * The number of long skips, {@code (depth - 1) / 2} with {@link #longSkips} (0 without):
     * U-ViT's "in" blocks {@code 0 .. k-1} each feed one of the "out" blocks
     * {@code depth-k .. depth-1}; the blocks between are its middle (one or two blocks).
     */
    public int skipPairs() {
        return longSkips ? (depth - 1) / 2 : 0;
    }

    /**
     * The block whose output block {@code j} concatenates to its input, or -1 when block
     * {@code j} has no long skip.
     *
     * @param j a block index, 0..depth-1
     * @return {@code depth - 1 - j} for the last {@link #skipPairs()} blocks, otherwise -1
     */
    public int skipSource(int j) {
        return j >= depth - skipPairs() ? depth - 1 - j : -1;
    }

    private static int headsDivide(int hidden, int heads) {
        positive("heads", heads);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden must be a multiple of heads " + heads
                    + ", found " + hidden);
        }
        return hidden / heads;
    }

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
        positive("headDim", headDim);
        if (positionWidth % 4 != 0) {
            // the 2-D sin-cos position embedding gives a quarter of the width to each of
            // sin(row), cos(row), sin(column), cos(column)
            throw new IllegalArgumentException("hidden must be a multiple of 4, found " + positionWidth);
        }
        if (hidden > positionWidth) {
            throw new IllegalArgumentException("hidden " + hidden + " is wider than the position table "
                    + positionWidth);
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

    /** Width of the attention's queries, keys and values: {@code heads * headDim}. */
    public int attentionWidth() {
        return heads * headDim;
    }

    /**
     * The config of a narrower adapter copy of this backbone. The token width is {@code hidden}
     * scaled by {@code width}, rounded to a multiple of 4 (the backbone's own granularity), at
     * least 4; the copy's channel j is the backbone's channel j, its position code included
     * ({@link #positionWidth}). Attention keeps the backbone's head dimension and drops whole heads:
     * {@code round(heads * width)} of them (at least 1), the copy's head k being the backbone's head
     * k (its query, key and value rows, read on the copy's channels). Depth, patch, MLP ratio and
     * time features are the backbone's, and so are the long skips (each skip layer's input is two
     * parts, the copy's tokens and the skipped tokens, of which the copy takes the first channels) and
     * the convolutional MLP (one depthwise filter per channel; the copy takes the first ones).
     *
     * @param width width multiplier in (0, 1]
     * @return the adapter's config
     */
    public DiTConfig scaled(double width) {
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("width must be in (0, 1], found " + width);
        }
        if (positionWidth != hidden) {
            throw new IllegalArgumentException("scale the backbone's config, not a copy's");
        }
        int scaled = Math.max(4, (int) Math.round(hidden * width / 4) * 4);
        int keptHeads = Math.max(1, (int) Math.round(heads * width));
        return new DiTConfig(imageSize, imageChannels, patch, scaled, depth, keptHeads, mlpRatio,
                timeFeatures, headDim, positionWidth, longSkips, convMlp);
    }
}
