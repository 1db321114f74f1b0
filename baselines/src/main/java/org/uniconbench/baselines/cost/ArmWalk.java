package org.uniconbench.baselines.cost;

import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Scope;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The two topologies ({@code control/UNetTopology}, {@code control/ChainTopology}) as sizes: what an
 * arm's adapter and connectors hold, and one training step (forward of both flows, then the loss)
 * on a {@link Graph}, in the same order as {@code ControlledModel.predictNoise}.
 */
final class ArmWalk {

    /** Hint encoder hidden width ({@code control/HintEncoder.HIDDEN}). */
    private static final int HINT = 16;
    private static final String MIDDLE = "mid.res1";

    private final Graph g = new Graph();
    private final long n;
    private long adapterParams;
    private long connectorParams;
    private long frozenParams;
    private int connectorCount;

    private ArmWalk(long n) {
        this.n = n;
    }

    /** A walked step of a U-Net arm at {@code resolution}. */
    static ArmWalk unet(UNetConfig backbone, int resolution, AdapterSpec spec, long n) {
        ArmWalk w = new ArmWalk(n);
        w.walkUNet(backbone, resolution, spec);
        return w;
    }

    /** A walked step of a DiT arm (its resolution is the config's). */
    static ArmWalk dit(DiTConfig backbone, AdapterSpec spec, long n) {
        ArmWalk w = new ArmWalk(n);
        w.walkChain(backbone, spec);
        return w;
    }

    Graph graph() {
        return g;
    }

    long adapterParams() {
        return adapterParams;
    }

    long connectorParams() {
        return connectorParams;
    }

    long frozenParams() {
        return frozenParams;
    }

    int connectorCount() {
        return connectorCount;
    }

    // ---- the U-Net ----

    private void walkUNet(UNetConfig bbConfig, int r, AdapterSpec spec) {
        boolean full = spec.scope() == Scope.FULL;
        UNetConfig copy = bbConfig.scaled(spec.width(), spec.depth(), full);
        int c0 = copy.channels().get(0);
        frozenParams = UNetWalk.parameters(bbConfig);
        adapterParams = UNetWalk.parameters(copy) + UNetWalk.conv(1, HINT, 3) + UNetWalk.conv(HINT, 2 * HINT, 3)
                + UNetWalk.conv(2 * HINT, c0, 3);
        boolean intoBackbone = spec.flow() == Flow.BIDIRECTIONAL;
        Map<String, Integer> base = UNetWalk.blockChannels(bbConfig);
        Map<String, int[]> connectors = new LinkedHashMap<>(); // key -> {source, target}
        for (Map.Entry<String, Integer> block : UNetWalk.blockChannels(copy).entrySet()) {
            Integer b = base.get(block.getKey());
            if (b == null || (spec.scope() == Scope.ENCODER && !isDecoderInput(block.getKey()))) {
                continue;
            }
            int[] st = intoBackbone ? new int[] {block.getValue(), b} : new int[] {b, block.getValue()};
            connectors.put(block.getKey(), st);
            connectorParams += connectorParameters(spec.connector(), st[0], st[1], false);
        }
        connectorCount = connectors.size();

        UNetWalk bb = new UNetWalk(bbConfig, g, n, false);
        UNetWalk ad = new UNetWalk(copy, g, n, true);
        UNetWalk.Feature noisy = new UNetWalk.Feature(step(bbConfig.imageChannels() * (long) r * r), 1, r);
        Graph.Tensor condition = g.input(n * (long) r * r);
        Graph.Tensor predicted;
        if (spec.flow() == Flow.UNIDIRECTIONAL) {
            g.part(Part.ADAPTER);
            Graph.Tensor hint = hint(condition, r, c0);
            // 1. the frozen backbone, forward only; its block outputs are held for the connectors
            Map<String, UNetWalk.Feature> features = new HashMap<>();
            g.part(Part.BACKBONE);
            g.withoutGradient(() -> {
                Graph.Tensor time = bb.embedTime();
                bb.decode(bb.encode(noisy, time, (key, h) -> {
                    features.put(key, h);
                    return h;
                }), time, (key, h) -> {
                    features.put(key, h);
                    return h;
                });
            });
            // 2. the trainable copy produces the output
            g.part(Part.ADAPTER);
            Graph.Tensor time = ad.embedTime();
            UNetWalk.Hook into = (key, h) -> {
                UNetWalk.Feature fed = key.equals("in") ? new UNetWalk.Feature(g.add(h.tensor(), hint), h.channels(),
                        h.side()) : h;
                int[] st = connectors.get(key);
                return st == null ? fed : connect(spec.connector(), features.get(key), fed, st);
            };
            predicted = ad.decode(ad.encode(noisy, time, into), time, into).tensor();
        } else if (spec.scope() == Scope.ENCODER) {
            // ControlNet: frozen encoder, trainable encoder copy, zero convs into the FROZEN decoder
            g.part(Part.BACKBONE);
            Graph.Tensor time = bb.embedTime();
            g.part(Part.ADAPTER);
            Graph.Tensor hint = hint(condition, r, c0);
            g.part(Part.BACKBONE);
            UNetWalk.Encoded frozen = bb.encode(noisy, time, UNetWalk.Hook.NONE);
            g.part(Part.ADAPTER);
            UNetWalk.Encoded control = ad.encode(noisy, ad.embedTime(), (key, h) -> key.equals("in")
                    ? new UNetWalk.Feature(g.add(h.tensor(), hint), h.channels(), h.side()) : h);
            Map<String, UNetWalk.Feature> copied = new HashMap<>();
            control.skips().forEach(s -> copied.put(s.getKey(), s.getValue()));
            List<Map.Entry<String, UNetWalk.Feature>> skips = new ArrayList<>();
            for (Map.Entry<String, UNetWalk.Feature> skip : frozen.skips()) {
                UNetWalk.Feature feature = copied.get(skip.getKey());
                int[] st = connectors.get(skip.getKey());
                skips.add(feature == null || st == null ? skip
                        : Map.entry(skip.getKey(), connect(spec.connector(), feature, skip.getValue(), st)));
            }
            UNetWalk.Feature middle = connect(spec.connector(), control.middle(), frozen.middle(),
                    connectors.get(MIDDLE));
            g.part(Part.BACKBONE);
            predicted = bb.decode(new UNetWalk.Encoded(skips, middle), time, UNetWalk.Hook.NONE).tensor();
        } else {
            // a full copy run on its own, each of its features added into the backbone
            g.part(Part.BACKBONE);
            Graph.Tensor time = bb.embedTime();
            g.part(Part.ADAPTER);
            Graph.Tensor hint = hint(condition, r, c0);
            Map<String, UNetWalk.Feature> copied = new HashMap<>();
            Graph.Tensor ta = ad.embedTime();
            UNetWalk.Hook tap = (key, h) -> {
                UNetWalk.Feature fed = key.equals("in") ? new UNetWalk.Feature(g.add(h.tensor(), hint), h.channels(),
                        h.side()) : h;
                copied.put(key, fed);
                return fed;
            };
            ad.decode(ad.encode(noisy, ta, tap), ta, tap); // its output head runs, unused
            UNetWalk.Hook steer = (key, h) -> {
                int[] st = connectors.get(key);
                UNetWalk.Feature feature = copied.get(key);
                return st == null || feature == null ? h : connect(spec.connector(), feature, h, st);
            };
            g.part(Part.BACKBONE);
            predicted = bb.decode(bb.encode(noisy, time, steer), time, steer).tensor();
        }
        loss(predicted);
    }

    /** {@code HintEncoder.forward}, at the step's level (its intermediates are held). */
    private Graph.Tensor hint(Graph.Tensor condition, int r, int out) {
        Graph.Tensor h = g.silu(g.conv(condition, n, 1, r, r, HINT, 3, 1, true));
        h = g.silu(g.conv(h, n, HINT, r, r, 2 * HINT, 3, 1, true));
        return g.conv(h, n, 2 * HINT, r, r, out, 3, 1, true);
    }

    private UNetWalk.Feature connect(ConnectorKind kind, UNetWalk.Feature source, UNetWalk.Feature target, int[] st) {
        Part previous = g.part();
        g.part(Part.CONNECTORS);
        int side = target.side();
        Graph.Tensor out = switch (kind) {
            case ZERO_CONV, ZERO_MLP ->
                g.add(target.tensor(), g.conv(source.tensor(), n, st[0], side, side, st[1], 1, 1, true));
            case ZERO_FT ->
                g.add(g.add(target.tensor(), g.mul(g.conv(source.tensor(), n, st[0], side, side, st[1], 1, 1,
                        true), target.tensor())), g.conv(source.tensor(), n, st[0], side, side, st[1], 1, 1, true));
            case SHARED_ATTENTION -> throw new IllegalArgumentException("shared attention needs tokens (dit)");
        };
        g.part(previous);
        return new UNetWalk.Feature(out, target.channels(), side);
    }

    /** ControlNet injects into the decoder's inputs: skip features and the middle output. */
    private static boolean isDecoderInput(String key) {
        return key.equals(MIDDLE) || key.equals("in") || key.startsWith("enc");
    }

    /** Parameters of one connector from {@code source} to {@code target} channels. */
    static long connectorParameters(ConnectorKind kind, int source, int target, boolean tokens) {
        long one = UNetWalk.conv(source, target, 1); // a 1x1 conv holds what a linear layer does
        return switch (kind) {
            case ZERO_CONV, ZERO_MLP -> one;
            case ZERO_FT -> 2 * one;
            case SHARED_ATTENTION -> {
                if (!tokens) {
                    throw new IllegalArgumentException("shared attention needs tokens (dit)");
                }
                yield 2 * UNetWalk.dense(target, target) + 2 * UNetWalk.dense(source, target);
            }
        };
    }

    // ---- the chain (DiT) ----

    private void walkChain(DiTConfig bbConfig, AdapterSpec spec) {
        int depth = bbConfig.depth();
        SortedSet<Integer> copied = spec.scope().chainBlocks(depth);
        int first = copied.first();
        int backboneBlocks = spec.scope() == Scope.DISCARD ? depth / 2 : depth;
        DiTConfig copy = bbConfig.scaled(spec.width());
        int da = copy.hidden();
        int d = bbConfig.hidden();
        boolean uni = spec.flow() == Flow.UNIDIRECTIONAL;
        frozenParams = DiTWalk.parameters(bbConfig, null, true, true);
        adapterParams = DiTWalk.parameters(copy, copied, first == 0, uni) + UNetWalk.dense(copy.patchValues(), da)
                + UNetWalk.dense(da, da);
        boolean connected = spec.scope() != Scope.DISCARD;
        if (connected) {
            connectorCount = copied.size();
            connectorParams = copied.size() * (uni ? connectorParameters(spec.connector(), d, da, true)
                    : connectorParameters(spec.connector(), da, d, true));
        }
        DiTWalk bb = new DiTWalk(bbConfig, g, n, false);
        DiTWalk ad = new DiTWalk(copy, g, n, true);
        long pixels = bbConfig.imageChannels() * (long) bbConfig.imageSize() * bbConfig.imageSize();
        Graph.Tensor noisy = step(pixels);
        Graph.Tensor condition = g.input(n * pixels);
        long rows = n * bbConfig.tokens();
        Graph.Tensor predicted;
        if (!uni) {
            g.part(Part.BACKBONE);
            Graph.Tensor c = bb.embedTime();
            g.part(Part.ADAPTER);
            Graph.Tensor ca = ad.embedTime();
            Graph.Tensor hint = chainHint(condition, copy, rows);
            g.part(Part.BACKBONE);
            Graph.Tensor h = bb.embed(noisy);
            Graph.Tensor a = null;
            List<Graph.Tensor> features = new ArrayList<>(List.of(h));
            Graph.Tensor[] adOut = new Graph.Tensor[depth];
            for (int i = 0; i < backboneBlocks; i++) {
                if (i == first) {
                    g.part(Part.ADAPTER);
                    a = start(ad, noisy, h, hint, first, da == d, rows * da);
                }
                g.part(Part.BACKBONE);
                h = bb.block(h, c, skipped(bbConfig, i, features));
                if (copied.contains(i)) {
                    g.part(Part.ADAPTER);
                    a = ad.block(a, ca, adapterSkipped(bbConfig, i, adOut, features, da == d, rows * da));
                    adOut[i] = a;
                    h = connectTokens(spec.connector(), a, h, da, d, rows);
                }
                features.add(h);
            }
            g.part(Part.BACKBONE);
            predicted = bb.finalLayer(h, c);
        } else {
            List<Graph.Tensor> features = new ArrayList<>();
            g.part(Part.BACKBONE);
            g.withoutGradient(() -> {
                Graph.Tensor c = bb.embedTime();
                Graph.Tensor h = bb.embed(noisy);
                features.add(h);
                for (int i = 0; i < backboneBlocks; i++) {
                    h = bb.block(h, c, skipped(bbConfig, i, features));
                    features.add(h);
                }
            });
            g.part(Part.ADAPTER);
            Graph.Tensor ca = ad.embedTime();
            Graph.Tensor hint = chainHint(condition, copy, rows);
            Graph.Tensor a = start(ad, noisy, features.get(first), hint, first, da == d, rows * da);
            Graph.Tensor[] adOut = new Graph.Tensor[depth];
            for (int i : copied) {
                a = ad.block(a, ca, adapterSkipped(bbConfig, i, adOut, features, da == d, rows * da));
                if (connected) {
                    a = connectTokens(spec.connector(), features.get(i + 1), a, d, da, rows);
                    g.part(Part.ADAPTER);
                }
                adOut[i] = a;
            }
            predicted = ad.finalLayer(a, ca);
        }
        loss(predicted);
    }

    /**
     * {@code ChainTopology.skipped}: the backbone's long-skip tokens for block {@code i}, or null;
     * {@code features} holds the embedding, then every block's output (block j's at j + 1).
     */
    private static Graph.Tensor skipped(DiTConfig bbConfig, int i, List<Graph.Tensor> features) {
        int source = bbConfig.skipSource(i);
        return source < 0 ? null : features.get(source + 1);
    }

    /** {@code ChainTopology.adapterSkipped}: the adapter's own source output, else the backbone's (a view). */
    private Graph.Tensor adapterSkipped(DiTConfig bbConfig, int i, Graph.Tensor[] adOut, List<Graph.Tensor> features,
            boolean sameWidth, long elements) {
        int source = bbConfig.skipSource(i);
        if (source < 0) {
            return null;
        }
        Graph.Tensor backbone = features.get(source + 1);
        return adOut[source] != null ? adOut[source] : sameWidth ? backbone : g.viewOf(backbone, elements);
    }

    /** {@code ChainTopology.start}: the adapter's state before its first copied block, the hint added. */
    private Graph.Tensor start(DiTWalk ad, Graph.Tensor noisy, Graph.Tensor feature, Graph.Tensor hint, int first,
            boolean sameWidth, long elements) {
        Graph.Tensor a = first == 0 ? ad.embed(noisy) : sameWidth ? feature : g.viewOf(feature, elements);
        return g.add(a, hint);
    }

    /** {@code ChainTopology.hint}: patchify, linear, SiLU, zero linear. */
    private Graph.Tensor chainHint(Graph.Tensor condition, DiTConfig copy, long rows) {
        Graph.Tensor patches = g.expand(condition, 1);
        return g.linear(g.silu(g.linear(patches, rows, copy.patchValues(), copy.hidden(), true)), rows,
                copy.hidden(), copy.hidden(), true);
    }

    /** A token connector from {@code source} ({@code s} wide) into {@code target} ({@code t} wide). */
    private Graph.Tensor connectTokens(ConnectorKind kind, Graph.Tensor source, Graph.Tensor target, int s, int t,
            long rows) {
        g.part(Part.CONNECTORS);
        Graph.Tensor out = switch (kind) {
            case ZERO_CONV, ZERO_MLP -> g.add(target, g.linear(source, rows, s, t, true));
            case ZERO_FT -> g.add(g.add(target, g.mul(g.linear(source, rows, s, t, true), target)),
                    g.linear(source, rows, s, t, true));
            case SHARED_ATTENTION -> {
                long tokens = rows / n;
                Graph.Tensor q = g.linear(target, rows, t, t, true);
                Graph.Tensor k = g.linear(source, rows, s, t, true);
                Graph.Tensor v = g.linear(source, rows, s, t, true);
                double scores = 2.0 * rows * tokens * t;
                Graph.Tensor p = g.softmax(g.scale(g.matmul(q, k, scores, n * tokens * tokens)));
                yield g.add(target, g.linear(g.matmulSavedLeft(p, v, scores, rows * t), rows, t, t, true));
            }
        };
        return out;
    }

    /** The trainer's inputs (images, noise, noisy images) for {@code values} values per sample. */
    private Graph.Tensor step(long values) {
        g.input(n * values); // clean images
        g.input(n * values); // noise
        g.input(n); // timesteps
        g.input(n * values); // clean * signal scale
        g.input(n * values); // noise * noise scale
        return g.input(n * values); // the noisy images
    }

    /** {@code NoiseSchedule.loss}: mean of the squared difference (square keeps the difference). */
    private void loss(Graph.Tensor predicted) {
        Part previous = g.part();
        Graph.Tensor difference = g.scale(predicted); // predicted - noise
        g.mul(difference, difference);
        g.part(previous);
    }
}
