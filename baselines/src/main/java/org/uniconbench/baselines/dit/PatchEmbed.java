package org.uniconbench.baselines.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

/**
 * Turns an image into tokens: non-overlapping {@code p x p} patches, each flattened and projected
 * to the token width, plus a fixed 2-D sin-cos position embedding (DiT's, after MAE's
 * {@code get_2d_sincos_pos_embed}).
 *
 * <p>A patch is flattened row by row, pixel channels innermost: {@code (row, column, channel)};
 * tokens are in row-major order of the patches. The position embedding is a constant, not a
 * parameter (checkpoints do not hold it): the first {@code hidden} channels of the table of
 * {@link DiTConfig#positionWidth}, so a narrower adapter copy, whose {@code embed.proj} holds the
 * backbone's first rows, adds the backbone's code to the same channels. (A first-channels slice of
 * {@code [sin column, cos column, sin row, cos row]}: a copy of half the width or less carries the
 * column's position only; the row's reaches it through the backbone's features, not its own code.)
 */
public final class PatchEmbed {

    private final int patch;
    private final Dense projection;
    private final NDArray position; // [1, T, D], a constant

    /**
     * Registers {@code embed.proj} with {@code layers} and builds the position table.
     *
     * @param config the architecture
     * @param layers the layer factory
     */
    PatchEmbed(DiTConfig config, Layers layers) {
        this.patch = config.patch();
        this.projection = layers.dense("embed.proj", config.patchValues(), config.hidden());
        this.position = layers.constant(new Shape(1, config.tokens(), config.hidden()),
                firstChannels(positionTable(config.positionWidth(), config.grid()), config.positionWidth(),
                        config.hidden()));
    }

    /** The position code added to the tokens, {@code [1 x T x hidden]} (for tests). */
    NDArray position() {
        return position;
    }

    /** The first {@code keep} of every row of {@code width} values. */
    static float[] firstChannels(float[] table, int width, int keep) {
        int rows = table.length / width;
        float[] out = new float[rows * keep];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(table, r * width, out, r * keep, keep);
        }
        return out;
    }

    /**
     * Patchifies, projects and adds the position embedding.
     *
     * @param x images {@code [N x C x H x W]}
     * @return tokens {@code [N x T x D]} on the input's manager
     */
    NDArray forward(NDArray x) {
        return projection.forward(patchify(x, patch)).add(position);
    }

    /**
     * Cuts images into flattened patches.
     *
     * @param x {@code [N x C x H x W]}, H and W divisible by {@code patch}
     * @param patch patch side
     * @return {@code [N x T x (patch * patch * C)]}, {@code T = (H / patch) * (W / patch)}
     */
    public static NDArray patchify(NDArray x, int patch) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long rows = s.get(2) / patch;
        long columns = s.get(3) / patch;
        // [N, C, rows, p, columns, p] -> [N, rows, columns, p, p, C] -> [N, T, p * p * C]
        return x.reshape(n, c, rows, patch, columns, patch)
                .transpose(0, 2, 4, 3, 5, 1)
                .reshape(n, rows * columns, (long) patch * patch * c);
    }

    /**
     * Reassembles square images from flattened patches (the inverse of {@link #patchify}).
     *
     * @param tokens {@code [N x T x (patch * patch * C)]}, T a square number
     * @param patch patch side
     * @param channels image channels {@code C}
     * @return {@code [N x C x H x W]}, {@code H = W = sqrt(T) * patch}
     */
    public static NDArray unpatchify(NDArray tokens, int patch, int channels) {
        Shape s = tokens.getShape();
        long n = s.get(0);
        long grid = Math.round(Math.sqrt(s.get(1)));
        if (grid * grid != s.get(1) || s.get(2) != (long) patch * patch * channels) {
            throw new IllegalArgumentException("Cannot unpatchify " + s + " into square images of "
                    + channels + " channels with " + patch + "x" + patch + " patches");
        }
        // [N, rows, columns, p, p, C] -> [N, C, rows, p, columns, p] -> [N, C, H, W]
        return tokens.reshape(n, grid, grid, patch, patch, channels)
                .transpose(0, 5, 1, 3, 2, 4)
                .reshape(n, channels, grid * patch, grid * patch);
    }

    /**
     * The fixed 2-D sin-cos position embedding of a {@code grid x grid} token layout.
     *
     * <p>Token {@code (row, column)} gets {@code [sin(column w), cos(column w), sin(row w),
     * cos(row w)]}, each part {@code width / 4} wide, with frequencies
     * {@code w_k = 10000^(-k / (width / 4))}.
     *
     * @param width token width, a multiple of 4
     * @param grid patches per side
     * @return row-major {@code [grid * grid x width]} values
     */
    static float[] positionTable(int width, int grid) {
        int quarter = width / 4;
        float[] table = new float[grid * grid * width];
        for (int row = 0; row < grid; row++) {
            for (int column = 0; column < grid; column++) {
                int base = (row * grid + column) * width;
                for (int k = 0; k < quarter; k++) {
                    double frequency = Math.pow(10000.0, -(double) k / quarter);
                    table[base + k] = (float) Math.sin(column * frequency);
                    table[base + quarter + k] = (float) Math.cos(column * frequency);
                    table[base + 2 * quarter + k] = (float) Math.sin(row * frequency);
                    table[base + 3 * quarter + k] = (float) Math.cos(row * frequency);
                }
            }
        }
        return table;
    }
}
