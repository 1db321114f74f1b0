package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.uniconbench.baselines.dit.DiT;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.dit.PatchEmbed;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.Dense;
import org.uniconbench.baselines.nn.Layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A chain backbone (DiT: embed, blocks {@code 0..N-1}, final layer) and its adapter, for every
 * {@link Scope}. The adapter copies the blocks of its scope (a narrower copy takes the first
 * channels of the backbone's); its state {@code a} starts at the first copied block, from its own
 * copied patch embedding when that block is the first, otherwise from the backbone's feature there
 * (its first channels), plus the hint. Walking the chain, after every copied block {@code i}:
 * <ul>
 *   <li>bidirectional: {@code h_{i+1} = C_i(a, h_{i+1})}, the backbone's final layer produces the
 *   output (ControlNet; on a DiT with scope ENCODER this is PixArt's ControlNet layout);</li>
 *   <li>unidirectional: {@code a = C_i(h_{i+1}, a)} with {@code h} computed without gradient, the
 *   adapter's copied final layer produces the output (UniCon).</li>
 * </ul>
 * DISCARD runs only the backbone's first half and lets the adapter's decoder half finish alone.
 *
 * <p>Long skips ({@link DiTConfig#longSkips}) follow the same rule as the tokens: each network's block
 * reads its own (connector-applied) output of the source block; an adapter that did not copy the
 * source block reads the backbone's output there, first channels, as its first block does.
 */
final class ChainTopology implements Topology {

    private final DiT backbone;
    private final DiT adapter;
    private final SortedSet<Integer> copied;
    private final int first;
    private final int backboneBlocks;
    private final Dense hintIn;
    private final Dense hintZero;
    private final int adapterWidth;
    private final Map<Integer, Connector> connectors = new LinkedHashMap<>();

    ChainTopology(DiT backbone, AdapterSpec spec, Layers layers) {
        this.backbone = backbone;
        int n = backbone.depth();
        this.copied = spec.scope().chainBlocks(n);
        this.first = copied.first();
        this.backboneBlocks = spec.scope() == Scope.DISCARD ? n / 2 : n;
        DiTConfig copy = backbone.config().scaled(spec.width());
        this.adapterWidth = copy.hidden();
        boolean ownOutput = spec.flow() == Flow.UNIDIRECTIONAL;
        this.adapter = DiT.partial(copy, layers, copied, first == 0, ownOutput);
        int patchValues = copy.patch() * copy.patch() * copy.imageChannels();
        this.hintIn = layers.dense("hint.fc", patchValues, adapterWidth);
        this.hintZero = layers.zeroDense("hint.zero", adapterWidth, adapterWidth, null);
        int width = backbone.config().hidden();
        if (spec.scope() != Scope.DISCARD) { // discard: nothing of the backbone's second half exists
            for (int i : copied) {
                connectors.put(i, spec.flow() == Flow.BIDIRECTIONAL
                        ? Connector.createForTokens(spec.connector(), layers, "zero.block" + i, adapterWidth, width)
                        : Connector.createForTokens(spec.connector(), layers, "connector.block" + i, width,
                                adapterWidth));
            }
        }
    }

    @Override
    public NDArray bidirectional(NDArray noisy, NDArray timesteps, NDArray condition) {
        NDArray c = backbone.embedTime(timesteps);
        NDArray ca = adapter.embedTime(timesteps);
        NDArray hint = hint(condition);
        NDArray h = backbone.embed(noisy);
        NDArray[] backboneOut = new NDArray[backbone.depth()];
        NDArray[] adapterOut = new NDArray[backbone.depth()];
        NDArray a = null;
        for (int i = 0; i < backboneBlocks; i++) {
            if (i == first) {
                a = start(noisy, h, hint);
            }
            h = backbone.block(i, h, c, skipped(i, backboneOut));
            if (copied.contains(i)) {
                a = adapter.block(i, a, ca, adapterSkipped(i, adapterOut, backboneOut));
                adapterOut[i] = a;
                h = connectors.get(i).apply(a, h); // adapter -> backbone
            }
            backboneOut[i] = h;
        }
        return backbone.finalLayer(h, c);
    }

    @Override
    public NDArray unidirectional(NDArray noisy, NDArray timesteps, NDArray condition) {
        // 1. the frozen backbone, forward only: its block outputs, no autograd graph
        NDArray[] backboneOut = new NDArray[backbone.depth()];
        NDArray embedded = Autograd.withoutGradient(() -> {
            NDArray c = backbone.embedTime(timesteps);
            NDArray e = backbone.embed(noisy);
            NDArray h = e;
            for (int i = 0; i < backboneBlocks; i++) {
                h = backbone.block(i, h, c, skipped(i, backboneOut));
                backboneOut[i] = h;
            }
            return e;
        });
        // 2. the adapter walks its copied blocks, fed one way by the backbone, and produces the output
        NDArray ca = adapter.embedTime(timesteps);
        NDArray a = start(noisy, first == 0 ? embedded : backboneOut[first - 1], hint(condition));
        NDArray[] adapterOut = new NDArray[backbone.depth()];
        for (int i : copied) {
            a = adapter.block(i, a, ca, adapterSkipped(i, adapterOut, backboneOut));
            Connector connector = connectors.get(i);
            if (connector != null) {
                a = connector.apply(backboneOut[i], a); // backbone -> adapter
            }
            adapterOut[i] = a;
        }
        return adapter.finalLayer(a, ca);
    }

    /** The backbone's long-skip input for block {@code i}: an earlier block's output, or null. */
    private NDArray skipped(int i, NDArray[] backboneOut) {
        int source = backbone.config().skipSource(i);
        return source < 0 ? null : backboneOut[source];
    }

    /**
     * The adapter's long-skip input for block {@code i}: its own output of the source block when it
     * copies that block, otherwise the backbone's there (first channels), as for its first block.
     */
    private NDArray adapterSkipped(int i, NDArray[] adapterOut, NDArray[] backboneOut) {
        int source = backbone.config().skipSource(i);
        if (source < 0) {
            return null;
        }
        return adapterOut[source] != null ? adapterOut[source] : firstChannels(backboneOut[source]);
    }

    /** The adapter's state before its first copied block, the hint added. */
    private NDArray start(NDArray noisy, NDArray backboneFeature, NDArray hint) {
        NDArray a = first == 0 ? adapter.embed(noisy) : firstChannels(backboneFeature);
        return a.add(hint);
    }

    /** A backbone feature's first {@code adapterWidth} channels (all of them at full width). */
    private NDArray firstChannels(NDArray backboneFeature) {
        return adapterWidth == backbone.config().hidden() ? backboneFeature
                : backboneFeature.get(new NDIndex(":, :, :" + adapterWidth));
    }

    /** Patchified condition -> linear -> SiLU -> zero linear: {@code [N x T x width]}, zero at step 0. */
    private NDArray hint(NDArray condition) {
        NDArray patches = PatchEmbed.patchify(condition, adapter.config().patch());
        return hintZero.forward(Layers.silu(hintIn.forward(patches)));
    }

    @Override
    public List<String> connectorKeys() {
        return connectors.keySet().stream().map(i -> "block" + i).toList();
    }

    @Override
    public List<Integer> adapterChannels() {
        return List.of(adapterWidth);
    }
}
