package org.uniconbench.baselines.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.GroupLayout;
import org.uniconbench.baselines.nn.GroupNorm;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.Scopes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A U-Net that predicts the noise in {@code x_t} (Ho et al., "Denoising Diffusion Probabilistic
 * Models", 2020; layout after improved-diffusion's unet.py).
 *
 * <p>The pass is split into {@link #encode} (input conv, encoder levels, middle) and
 * {@link #decode} (decoder levels with skip connections, output head) so that ControlNet can add
 * its residuals between the two. Every named block's output goes through a {@link BlockHook}.
 * Block names: {@code in}; {@code enc<L>.res<j>}, {@code enc<L>.down}; {@code mid.res0},
 * {@code mid.res1}; {@code dec<L>.res<j>}, {@code dec<L>.up}. The same names prefix the
 * parameters, so a copy built from a scaled config is initialised from the backbone by name.
 */
public final class UNet {

    /**
     * The encoder's result: the skip features (with the name of the block that produced each) and
     * the middle block's output.
     *
     * @param skips skip features in the order they were produced
     * @param middle the middle block's output
     */
    public record Encoded(List<Skip> skips, NDArray middle) {
    }

    /**
     * One skip feature.
     *
     * @param key the producing block's name
     * @param feature {@code [N x C x H x W]}
     */
    public record Skip(String key, NDArray feature) {
    }

    /**
     * One step of the architecture, in the order its parameters are created.
     *
     * @param key block name ({@code in}, {@code enc0.res0}, {@code dec1.up}, {@code out}, ...)
     * @param kind what the step is
     * @param in input channels, one entry per concatenated part
     * @param out output channels
     */
    private record Step(String key, Kind kind, int[] in, int out) {
    }

    private enum Kind { IN, RES, DOWN, UP, OUT }

    private final UNetConfig config;
    private final Dense time1;
    private final Dense time2;
    private final Conv2d inConv;
    private final Map<String, ResBlock> blocks = new LinkedHashMap<>();
    private final Map<String, Conv2d> resamplers = new LinkedHashMap<>();
    private final GroupNorm outNorm;
    private final Conv2d outConv;
    private final Map<String, Integer> blockChannels = new LinkedHashMap<>();
    private final Map<String, GroupLayout> groupLayouts = new LinkedHashMap<>();
    private boolean scoped = true;

    /**
     * Registers every parameter of the network with {@code layers}. A copy (a config with a
     * {@link UNetConfig#source}) groups each GroupNorm's channels as the source's norm of the same
     * name, sliced ({@link GroupLayout#slice}).
     *
     * @param config the architecture
     * @param layers the layer factory (decides trainable or frozen)
     */
    public UNet(UNetConfig config, Layers layers) {
        this.config = config;
        int timeDim = config.timeDim();
        Map<String, int[]> sourceNorms = config.source() == null ? null : normInputs(config.source());
        ResBlock.Norms norms = (name, parts) -> {
            GroupLayout layout;
            if (sourceNorms == null) {
                layout = GroupLayout.uniform(IntStream.of(parts).sum(), config.groups());
            } else {
                int[] sourceParts = sourceNorms.get(name);
                if (sourceParts == null) {
                    throw new IllegalArgumentException(name + ": the copy has a norm its source lacks");
                }
                layout = GroupLayout.uniform(IntStream.of(sourceParts).sum(), config.source().groups())
                        .slice(sourceParts, parts);
            }
            groupLayouts.put(name, layout);
            return layers.groupNorm(name, layout, parts.length > 1 ? parts : null);
        };
        time1 = layers.dense("time.fc1", config.timeFeatures(), timeDim);
        time2 = layers.dense("time.fc2", timeDim, timeDim);
        Conv2d in = null;
        GroupNorm headNorm = null;
        Conv2d headConv = null;
        for (Step step : plan(config)) {
            int channels = IntStream.of(step.in()).sum();
            switch (step.kind()) {
                case IN -> in = layers.conv3(step.key(), config.imageChannels(), step.out());
                case RES -> blocks.put(step.key(), new ResBlock(layers, norms, step.key(), step.in(), step.out(),
                        timeDim));
                case DOWN -> resamplers.put(step.key(), layers.conv(step.key(), channels, channels, 3, 2, false, null));
                case UP -> resamplers.put(step.key(), layers.conv3(step.key(), channels, channels));
                case OUT -> {
                    headNorm = norms.create("out.norm", step.in());
                    headConv = layers.conv3("out.conv", channels, config.imageChannels());
                }
            }
            if (step.kind() != Kind.OUT) {
                blockChannels.put(step.key(), step.out());
            }
        }
        inConv = in;
        outNorm = headNorm;
        outConv = headConv;
    }

    /**
     * The architecture's steps in execution (and parameter creation) order: input conv, encoder
     * levels (a skip after every step), middle, decoder levels (each residual block concatenating
     * one skip, last produced first), output head.
     */
    private static List<Step> plan(UNetConfig config) {
        List<Integer> ch = config.channels();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("in", Kind.IN, new int[] {config.imageChannels()}, ch.get(0)));
        // encoder: record the channel count of every skip feature for the decoder
        Deque<Integer> skipChannels = new ArrayDeque<>();
        skipChannels.push(ch.get(0));
        int current = ch.get(0);
        for (int level = 0; level < config.levels(); level++) {
            for (int j = 0; j < config.resBlocks(); j++) {
                steps.add(new Step("enc" + level + ".res" + j, Kind.RES, new int[] {current}, ch.get(level)));
                current = ch.get(level);
                skipChannels.push(current);
            }
            if (level < config.levels() - 1) {
                steps.add(new Step("enc" + level + ".down", Kind.DOWN, new int[] {current}, current));
                skipChannels.push(current);
            }
        }
        steps.add(new Step("mid.res0", Kind.RES, new int[] {current}, current));
        steps.add(new Step("mid.res1", Kind.RES, new int[] {current}, current));
        if (!config.withDecoder()) {
            return steps;
        }
        // decoder: one more block per level than the encoder, each consuming one skip
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int j = 0; j <= config.resBlocks(); j++) {
                steps.add(new Step("dec" + level + ".res" + j, Kind.RES,
                        new int[] {current, skipChannels.pop()}, ch.get(level)));
                current = ch.get(level);
            }
            if (level > 0) {
                steps.add(new Step("dec" + level + ".up", Kind.UP, new int[] {current}, current));
            }
        }
        steps.add(new Step("out", Kind.OUT, new int[] {current}, config.imageChannels()));
        return steps;
    }

    /** Every GroupNorm's name and its input parts (one entry unless concatenated). */
    private static Map<String, int[]> normInputs(UNetConfig config) {
        Map<String, int[]> norms = new LinkedHashMap<>();
        for (Step step : plan(config)) {
            if (step.kind() == Kind.RES) {
                norms.put(step.key() + ".norm1", step.in());
                norms.put(step.key() + ".norm2", new int[] {step.out()});
            } else if (step.kind() == Kind.OUT) {
                norms.put("out.norm", step.in());
            }
        }
        return norms;
    }

    /** Every GroupNorm's groups, by name ({@code enc0.res0.norm1}, ..., {@code out.norm}). */
    public Map<String, GroupLayout> groupLayouts() {
        return java.util.Collections.unmodifiableMap(groupLayouts);
    }

    /** Output channels of every named block, in execution order. */
    public Map<String, Integer> blockChannels() {
        return java.util.Collections.unmodifiableMap(blockChannels);
    }

    /** The architecture. */
    public UNetConfig config() {
        return config;
    }

    /**
     * The time embedding: sinusoidal features of the timestep, then an MLP, then SiLU (every
     * residual block consumes it after a SiLU, so it is applied once here).
     *
     * @param timesteps {@code [N]} float timesteps
     * @return {@code [N x timeDim]}
     */
    public NDArray embedTime(NDArray timesteps) {
        int half = config.timeFeatures() / 2;
        NDManager manager = timesteps.getManager();
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        // [N, half] angles, then [N, 2 * half] sin/cos features
        NDArray angles = timesteps.reshape(-1, 1).mul(manager.create(frequencies, new Shape(1, half)));
        NDArray features = NDArrays.concat(new NDList(angles.cos(), angles.sin()), 1);
        return Layers.silu(time2.forward(Layers.silu(time1.forward(features))));
    }

    /**
     * Input convolution, encoder levels and middle blocks.
     *
     * @param x noisy images {@code [N x imageChannels x H x W]}
     * @param time output of {@link #embedTime}
     * @param hook sees (and may replace) every block's output
     * @return the skip features and the middle output
     */
    public Encoded encode(NDArray x, NDArray time, BlockHook hook) {
        List<Skip> skips = new ArrayList<>();
        NDArray h = hook.after("in", run(x, inConv::forward));
        skips.add(new Skip("in", h));
        for (int level = 0; level < config.levels(); level++) {
            for (int j = 0; j < config.resBlocks(); j++) {
                String key = "enc" + level + ".res" + j;
                h = hook.after(key, run(h, in -> blocks.get(key).forward(in, time)));
                skips.add(new Skip(key, h));
            }
            if (level < config.levels() - 1) {
                String key = "enc" + level + ".down";
                h = hook.after(key, run(h, resamplers.get(key)::forward));
                skips.add(new Skip(key, h));
            }
        }
        h = hook.after("mid.res0", run(h, in -> blocks.get("mid.res0").forward(in, time)));
        h = hook.after("mid.res1", run(h, in -> blocks.get("mid.res1").forward(in, time)));
        return new Encoded(skips, h);
    }

    /**
     * Decoder levels (each block concatenates one skip feature, last produced first) and the
     * output head.
     *
     * @param encoded the encoder's result (possibly with ControlNet residuals added)
     * @param time output of {@link #embedTime}
     * @param hook sees (and may replace) every block's output
     * @return the predicted noise {@code [N x imageChannels x H x W]}
     */
    public NDArray decode(Encoded encoded, NDArray time, BlockHook hook) {
        if (!config.withDecoder()) {
            throw new IllegalStateException("This U-Net copy has no decoder (ControlNet adapter)");
        }
        Deque<NDArray> skips = new ArrayDeque<>();
        encoded.skips().forEach(s -> skips.push(s.feature()));
        NDArray h = encoded.middle();
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int j = 0; j <= config.resBlocks(); j++) {
                String key = "dec" + level + ".res" + j;
                NDArray joined = NDArrays.concat(new NDList(h, skips.pop()), 1);
                h = hook.after(key, run(joined, in -> blocks.get(key).forward(in, time)));
            }
            if (level > 0) {
                String key = "dec" + level + ".up";
                h = hook.after(key, run(h, in -> resamplers.get(key).forward(upsampleNearest(in))));
            }
        }
        return run(h, in -> outConv.forward(Layers.silu(outNorm.forward(in))));
    }

    /** One block, in its own scope unless scoping is switched off (for tests that compare). */
    private NDArray run(NDArray input, java.util.function.UnaryOperator<NDArray> block) {
        return scoped ? Scopes.block(input, block) : block.apply(input);
    }

    /**
     * Switches per-block scopes on (the default) or off; off keeps every intermediate until the
     * caller's manager closes, which only tests comparing the two should want.
     *
     * @param on whether each block runs in its own NDManager
     */
    public void setBlockScopes(boolean on) {
        this.scoped = on;
    }

    /** The whole pass: {@code decode(encode(x))}. */
    public NDArray forward(NDArray x, NDArray timesteps, BlockHook hook) {
        NDArray time = embedTime(timesteps);
        return decode(encode(x, time, hook), time, hook);
    }

    /** Nearest-neighbour 2x upsampling (DJL's PyTorch engine has no transposed convolution). */
    static NDArray upsampleNearest(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1)
                .broadcast(new Shape(n, c, h, 2, w, 2))
                .reshape(n, c, 2 * h, 2 * w);
    }
}
