package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.unet.BlockHook;
import org.uniconbench.baselines.unet.UNet;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A U-Net backbone and its adapter. Scope ENCODER copies the input convolution, encoder and middle
 * (ControlNet's copy); scope FULL copies the whole network (UniCon's). Bidirectional ENCODER is
 * ControlNet: zero convs add the copy's features into the frozen decoder's skips and middle.
 * Bidirectional FULL adds every copied block's feature into the matching backbone block.
 * Unidirectional FULL is UniCon: backbone features flow into the copy, which produces the output.
 */
final class UNetTopology implements Topology {

    private static final String MIDDLE = "mid.res1";

    private final AdapterSpec spec;
    private final UNet backbone;
    private final UNet adapter;
    private final HintEncoder hint;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();

    UNetTopology(UNet backbone, AdapterSpec spec, Layers layers) {
        this.spec = spec;
        this.backbone = backbone;
        if (spec.connector() == ConnectorKind.SHARED_ATTENTION) {
            throw new IllegalArgumentException("connector shared_attention needs a backbone with attention (dit); "
                    + "the U-Net takes zero_conv or zero_ft");
        }
        boolean full = spec.scope() == Scope.FULL;
        UNetConfig copy = backbone.config().scaled(spec.width(), spec.depth(), full);
        this.adapter = new UNet(copy, layers);
        this.hint = new HintEncoder(layers, 1, copy.channels().get(0));
        Map<String, Integer> baseChannels = backbone.blockChannels();
        boolean intoBackbone = spec.flow() == Flow.BIDIRECTIONAL;
        for (Map.Entry<String, Integer> block : adapter.blockChannels().entrySet()) {
            String key = block.getKey();
            Integer backboneChannels = baseChannels.get(key);
            if (backboneChannels == null || (spec.scope() == Scope.ENCODER && !isDecoderInput(key))) {
                continue;
            }
            connectors.put(key, intoBackbone
                    // adapter feature -> backbone feature
                    ? Connector.create(spec.connector(), layers, "zero." + key, block.getValue(), backboneChannels)
                    // backbone feature -> adapter feature
                    : Connector.create(spec.connector(), layers, "connector." + key, backboneChannels,
                            block.getValue()));
        }
    }

    @Override
    public NDArray bidirectional(NDArray noisy, NDArray timesteps, NDArray condition) {
        NDArray time = backbone.embedTime(timesteps);
        if (spec.scope() == Scope.ENCODER) {
            // ControlNet: frozen encoder + copy's zero-conv residuals; the FROZEN decoder produces the output
            return backbone.decode(controlNetEncoding(noisy, timesteps, time, condition), time, BlockHook.NONE);
        }
        // full copy, run on its own; each of its features is added into the matching backbone block
        Map<String, NDArray> copied = adapterFeatures(noisy, timesteps, condition);
        return backbone.decode(backbone.encode(noisy, time, steer(copied)), time, steer(copied));
    }

    @Override
    public NDArray unidirectional(NDArray noisy, NDArray timesteps, NDArray condition) {
        NDArray hintFeature = hint.forward(condition);
        // 1. frozen backbone, forward only: no autograd graph, nothing kept for backward
        Map<String, NDArray> features = new LinkedHashMap<>();
        Autograd.withoutGradient(() -> backbone.forward(noisy, timesteps, (key, h) -> {
            features.put(key, h);
            return h;
        }));
        // 2. the trainable copy produces the output; features flow one way into it
        return adapter.forward(noisy, timesteps, (key, h) -> {
            NDArray fed = key.equals("in") ? h.add(hintFeature) : h;
            Connector connector = connectors.get(key);
            return connector == null ? fed : connector.apply(features.get(key), fed);
        });
    }

    /** The copy's block outputs when it runs on its own, the hint added after its input conv. */
    private Map<String, NDArray> adapterFeatures(NDArray noisy, NDArray timesteps, NDArray condition) {
        NDArray hintFeature = hint.forward(condition);
        Map<String, NDArray> copied = new LinkedHashMap<>();
        NDArray time = adapter.embedTime(timesteps);
        BlockHook tap = (key, h) -> {
            NDArray fed = key.equals("in") ? h.add(hintFeature) : h;
            copied.put(key, fed);
            return fed;
        };
        UNet.Encoded encoded = adapter.encode(noisy, time, tap);
        if (adapter.config().withDecoder()) {
            adapter.decode(encoded, time, tap); // its output head is not used: the backbone's is
        }
        return copied;
    }

    /** Adds the copy's feature into each backbone block that has a connector. */
    private BlockHook steer(Map<String, NDArray> copied) {
        return (key, h) -> {
            Connector zero = connectors.get(key);
            NDArray feature = copied.get(key);
            return zero == null || feature == null ? h : zero.apply(feature, h);
        };
    }

    /**
     * ControlNet's steps 1-3: the frozen decoder's input (skips and middle) with the copy's
     * zero-conv residuals added.
     */
    UNet.Encoded controlNetEncoding(NDArray noisy, NDArray timesteps, NDArray time, NDArray condition) {
        NDArray hintFeature = hint.forward(condition);
        // 1. frozen encoder: frozen weights on a constant input record no graph by themselves
        UNet.Encoded base = backbone.encode(noisy, time, BlockHook.NONE);
        // 2. trainable encoder copy; the hint is added after its input conv
        UNet.Encoded control = adapter.encode(noisy, adapter.embedTime(timesteps),
                (key, h) -> key.equals("in") ? h.add(hintFeature) : h);
        // 3. zero convs add the copy's features into the skips and the middle
        Map<String, NDArray> copied = new LinkedHashMap<>();
        control.skips().forEach(s -> copied.put(s.key(), s.feature()));
        List<UNet.Skip> skips = new ArrayList<>();
        for (UNet.Skip skip : base.skips()) {
            NDArray feature = copied.get(skip.key());
            Connector zero = connectors.get(skip.key());
            skips.add(feature == null || zero == null ? skip
                    : new UNet.Skip(skip.key(), zero.apply(feature, skip.feature())));
        }
        NDArray middle = connectors.get(MIDDLE).apply(control.middle(), base.middle());
        return new UNet.Encoded(skips, middle);
    }

    /** ControlNet injects into the decoder's inputs: skip features and the middle output. */
    private static boolean isDecoderInput(String key) {
        return key.equals(MIDDLE) || key.equals("in") || key.startsWith("enc");
    }

    @Override
    public List<String> connectorKeys() {
        return List.copyOf(connectors.keySet());
    }

    @Override
    public List<Integer> adapterChannels() {
        return adapter.config().channels();
    }

    UNetConfig adapterConfig() {
        return adapter.config();
    }
}
