package org.uniconbench.baselines.cost;

import org.uniconbench.baselines.unet.UNetConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The U-Net ({@code unet/UNet}, {@code unet/ResBlock}) as sizes: its parameter count, its blocks'
 * channels, and its forward pass on a {@link Graph}, one call per operation in the same order and
 * the same block scopes.
 */
final class UNetWalk {

    /** A feature map: the tensor, its channels and its side. */
    record Feature(Graph.Tensor tensor, int channels, int side) {
    }

    /** Sees (and may replace) every named block's output, as {@code unet/BlockHook}. */
    interface Hook {
        Feature after(String key, Feature h);

        Hook NONE = (key, h) -> h;
    }

    /** The encoder's result, as {@code UNet.Encoded}. */
    record Encoded(List<Map.Entry<String, Feature>> skips, Feature middle) {
    }

    private final UNetConfig config;
    private final Graph g;
    private final long n;
    private final boolean trainable;

    /**
     * @param config the architecture
     * @param g the graph
     * @param n batch size
     * @param trainable whether its weights are trained
     */
    UNetWalk(UNetConfig config, Graph g, long n, boolean trainable) {
        this.config = config;
        this.g = g;
        this.n = n;
        this.trainable = trainable;
    }

    // ---- parameters, as the constructors register them ----

    static long conv(int in, int out, int kernel) {
        return (long) out * in * kernel * kernel + out;
    }

    static long dense(int in, int out) {
        return (long) out * in + out;
    }

    private static long resBlock(int in, int out, int timeDim) {
        return 2L * in + conv(in, out, 3) + dense(timeDim, out) + 2L * out + conv(out, out, 3)
                + (in == out ? 0 : conv(in, out, 1));
    }

    /** Parameters of {@code new UNet(config, layers)}. */
    static long parameters(UNetConfig c) {
        List<Integer> ch = c.channels();
        int timeDim = c.timeDim();
        long total = dense(c.timeFeatures(), timeDim) + dense(timeDim, timeDim) + conv(c.imageChannels(), ch.get(0), 3);
        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(ch.get(0));
        int current = ch.get(0);
        for (int level = 0; level < c.levels(); level++) {
            for (int j = 0; j < c.resBlocks(); j++) {
                total += resBlock(current, ch.get(level), timeDim);
                current = ch.get(level);
                skips.push(current);
            }
            if (level < c.levels() - 1) {
                total += conv(current, current, 3);
                skips.push(current);
            }
        }
        total += 2 * resBlock(current, current, timeDim);
        if (!c.withDecoder()) {
            return total;
        }
        for (int level = c.levels() - 1; level >= 0; level--) {
            for (int j = 0; j <= c.resBlocks(); j++) {
                total += resBlock(current + skips.pop(), ch.get(level), timeDim);
                current = ch.get(level);
            }
            if (level > 0) {
                total += conv(current, current, 3);
            }
        }
        return total + 2L * current + conv(current, c.imageChannels(), 3);
    }

    /** Output channels of every named block, in execution order, as {@code UNet.blockChannels()}. */
    static Map<String, Integer> blockChannels(UNetConfig c) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Integer> ch = c.channels();
        out.put("in", ch.get(0));
        for (int level = 0; level < c.levels(); level++) {
            for (int j = 0; j < c.resBlocks(); j++) {
                out.put("enc" + level + ".res" + j, ch.get(level));
            }
            if (level < c.levels() - 1) {
                out.put("enc" + level + ".down", ch.get(level));
            }
        }
        int last = ch.get(c.levels() - 1);
        out.put("mid.res0", last);
        out.put("mid.res1", last);
        if (c.withDecoder()) {
            for (int level = c.levels() - 1; level >= 0; level--) {
                for (int j = 0; j <= c.resBlocks(); j++) {
                    out.put("dec" + level + ".res" + j, ch.get(level));
                }
                if (level > 0) {
                    out.put("dec" + level + ".up", ch.get(level));
                }
            }
        }
        return out;
    }

    // ---- the forward pass ----

    /** {@code UNet.embedTime}: sinusoidal features, MLP, SiLU; {@code [n x timeDim]}. */
    Graph.Tensor embedTime() {
        Graph.Tensor features = g.input(n * config.timeFeatures());
        int timeDim = config.timeDim();
        Graph.Tensor h = g.silu(g.linear(features, n, config.timeFeatures(), timeDim, trainable));
        return g.silu(g.linear(h, n, timeDim, timeDim, trainable));
    }

    /** {@code UNet.encode}. */
    Encoded encode(Feature x, Graph.Tensor time, Hook hook) {
        List<Integer> ch = config.channels();
        List<Map.Entry<String, Feature>> skips = new ArrayList<>();
        Feature h = hook.after("in", new Feature(g.block(() -> g.conv(x.tensor(), n, x.channels(), x.side(), x.side(),
                ch.get(0), 3, 1, trainable)), ch.get(0), x.side()));
        skips.add(Map.entry("in", h));
        for (int level = 0; level < config.levels(); level++) {
            for (int j = 0; j < config.resBlocks(); j++) {
                String key = "enc" + level + ".res" + j;
                h = hook.after(key, resBlock(h, ch.get(level), time));
                skips.add(Map.entry(key, h));
            }
            if (level < config.levels() - 1) {
                Feature in = h;
                Graph.Tensor down = g.block(() -> g.conv(in.tensor(), n, in.channels(), in.side(), in.side(),
                        in.channels(), 3, 2, trainable));
                h = hook.after("enc" + level + ".down", new Feature(down, in.channels(), in.side() / 2));
                skips.add(Map.entry("enc" + level + ".down", h));
            }
        }
        h = hook.after("mid.res0", resBlock(h, h.channels(), time));
        h = hook.after("mid.res1", resBlock(h, h.channels(), time));
        return new Encoded(skips, h);
    }

    /** {@code UNet.decode}: decoder levels with skips, then the output head. */
    Feature decode(Encoded encoded, Graph.Tensor time, Hook hook) {
        List<Integer> ch = config.channels();
        Deque<Feature> skips = new ArrayDeque<>();
        encoded.skips().forEach(s -> skips.push(s.getValue()));
        Feature h = encoded.middle();
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int j = 0; j <= config.resBlocks(); j++) {
                Feature skip = skips.pop();
                Feature joined = new Feature(g.concat(h.tensor(), skip.tensor()), h.channels() + skip.channels(),
                        h.side());
                h = hook.after("dec" + level + ".res" + j, resBlock(joined, ch.get(level), time));
            }
            if (level > 0) {
                Feature in = h;
                Graph.Tensor up = g.block(() -> g.conv(g.expand(in.tensor(), 4), n, in.channels(), 2 * in.side(),
                        2 * in.side(), in.channels(), 3, 1, trainable));
                h = hook.after("dec" + level + ".up", new Feature(up, in.channels(), 2 * in.side()));
            }
        }
        Feature in = h;
        Graph.Tensor out = g.block(() -> g.conv(g.silu(g.groupNorm(in.tensor(), trainable)), n, in.channels(),
                in.side(), in.side(), config.imageChannels(), 3, 1, trainable));
        return new Feature(out, config.imageChannels(), in.side());
    }

    /** {@code ResBlock.forward}, in its own scope. */
    private Feature resBlock(Feature x, int out, Graph.Tensor time) {
        int side = x.side();
        int in = x.channels();
        Graph.Tensor y = g.block(() -> {
            Graph.Tensor h = g.conv(g.silu(g.groupNorm(x.tensor(), trainable)), n, in, side, side, out, 3, 1,
                    trainable);
            h = g.add(h, g.linear(time, n, config.timeDim(), out, trainable));
            h = g.conv(g.silu(g.groupNorm(h, trainable)), n, out, side, side, out, 3, 1, trainable);
            Graph.Tensor shortcut = in == out ? x.tensor()
                    : g.conv(x.tensor(), n, in, side, side, out, 1, 1, trainable);
            return g.add(shortcut, h);
        });
        return new Feature(y, out, side);
    }
}
