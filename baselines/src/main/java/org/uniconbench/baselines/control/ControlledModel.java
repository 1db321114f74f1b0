package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.BlockHook;
import org.uniconbench.baselines.unet.UNet;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen backbone steered by a trainable adapter: ControlNet or UniCon.
 *
 * <p>The whole difference between the two methods is in {@link #predictNoise} (information flow)
 * and the constructor (what is copied, which way connectors point):
 * <ul>
 *   <li>ControlNet (Zhang et al., "Adding Conditional Control to Text-to-Image Diffusion Models",
 *   2023): a trainable copy of the encoder and middle; zero convs add its features into the
 *   frozen decoder's skips; the frozen backbone produces the output, so the loss's gradient must
 *   travel back through the frozen decoder (bidirectional).</li>
 *   <li>UniCon (Yu et al., "UniCon: Unidirectional Information Flow for Effective Control of
 *   Large-Scale Diffusion Models", ICLR 2025): the backbone runs forward only, without an autograd
 *   graph; connectors carry its features into a trainable copy of the whole network, which alone
 *   produces the output (unidirectional).</li>
 * </ul>
 */
public final class ControlledModel implements Denoiser, AutoCloseable {

    private final AdapterSpec spec;
    private final Backbone backbone;
    private final ParameterSet parameters;
    private final UNet adapter;
    private final HintEncoder hint;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();

    /**
     * Builds the adapter and initialises its copied blocks from the backbone.
     *
     * @param backbone the frozen backbone (not owned: closing this model leaves it open)
     * @param spec which adapter
     * @param seed initialisation seed for the parts not copied (hint encoder)
     */
    public ControlledModel(Backbone backbone, AdapterSpec spec, long seed) {
        this.spec = spec;
        this.backbone = backbone;
        this.parameters = new ParameterSet(backbone.parameters().device());
        UNetConfig base = backbone.net().config();
        boolean copyDecoder = spec.method() == Method.UNICON; // ControlNet copies encoder + middle
        UNetConfig copy = base.scaled(spec.width(), spec.depth(), copyDecoder);
        Layers layers = new Layers(parameters, new Init(seed), true);
        this.adapter = new UNet(copy, layers);
        this.hint = new HintEncoder(layers, 1, copy.channels().get(0));
        // connectors at every block the two networks share, pointing the method's way
        Map<String, Integer> baseChannels = backbone.net().blockChannels();
        Map<String, Integer> copyChannels = adapter.blockChannels();
        for (Map.Entry<String, Integer> block : copyChannels.entrySet()) {
            String key = block.getKey();
            Integer backboneChannels = baseChannels.get(key);
            if (backboneChannels == null || (spec.method() == Method.CONTROLNET && !isControlNetTarget(key))) {
                continue;
            }
            connectors.put(key, spec.method() == Method.CONTROLNET
                    // ControlNet: adapter feature -> backbone skip / middle
                    ? Connector.create(spec.connector(), layers, "zero." + key, block.getValue(), backboneChannels)
                    // UniCon: backbone feature -> adapter feature
                    : Connector.create(spec.connector(), layers, "connector." + key, backboneChannels, block.getValue()));
        }
        WeightCopy.copyMatching(backbone.parameters(), parameters);
    }

    /**
     * Predicts the noise. THE place where ControlNet and UniCon differ.
     */
    @Override
    public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
        switch (spec.method()) {
            case CONTROLNET: {
                NDArray time = backbone.net().embedTime(timesteps);
                // 1.-3. frozen encoder, trainable copy, zero-conv residuals
                UNet.Encoded steered = controlNetEncoding(noisy, timesteps, time, condition);
                // 4. the FROZEN decoder produces the output: backward must pass through it
                return backbone.net().decode(steered, time, BlockHook.NONE);
            }
            case UNICON: {
                NDArray hintFeature = hint.forward(condition);
                // 1. frozen backbone, forward only: no autograd graph, nothing kept for backward
                Map<String, NDArray> features = Autograd.withoutGradient(
                        () -> backbone.features(noisy, timesteps));
                // 2. the trainable full copy produces the output; features flow one way into it
                return adapter.forward(noisy, timesteps, (key, h) -> {
                    NDArray fed = key.equals("in") ? h.add(hintFeature) : h;
                    Connector connector = connectors.get(key);
                    return connector == null ? fed : connector.apply(features.get(key), fed);
                });
            }
            default:
                throw new IllegalStateException("unknown method " + spec.method());
        }
    }

    /**
     * ControlNet's steps 1-3: the frozen decoder's input (skips and middle) with the copy's
     * zero-conv residuals added. Package-private so tests can cut the decoder's input off the
     * graph and show that the adapter's gradient arrives only through the frozen decoder.
     *
     * @param noisy {@code x_t}
     * @param timesteps {@code [N]} timesteps
     * @param time the backbone's time embedding of {@code timesteps}
     * @param condition the condition image
     * @return the steered encoding
     */
    UNet.Encoded controlNetEncoding(NDArray noisy, NDArray timesteps, NDArray time, NDArray condition) {
        NDArray hintFeature = hint.forward(condition);
        // 1. frozen encoder: frozen weights on a constant input record no graph by themselves
        UNet.Encoded base = backbone.net().encode(noisy, time, BlockHook.NONE);
        // 2. trainable encoder copy; the hint is added after its input conv
        UNet.Encoded control = adapter.encode(noisy, adapter.embedTime(timesteps),
                (key, h) -> key.equals("in") ? h.add(hintFeature) : h);
        // 3. zero convs add the copy's features into the skips and the middle
        return addResiduals(base, control);
    }

    /** ControlNet's residuals: skip_i + Z_i(copy_i) for shared skips, middle + Z(copy middle). */
    private UNet.Encoded addResiduals(UNet.Encoded base, UNet.Encoded control) {
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

    private static final String MIDDLE = "mid.res1";

    /** ControlNet injects into the decoder's inputs: skip features and the middle output. */
    private static boolean isControlNetTarget(String key) {
        return key.equals(MIDDLE) || key.equals("in") || key.startsWith("enc");
    }

    /** The adapter's specification. */
    public AdapterSpec spec() {
        return spec;
    }

    /** The adapter's parameters (all trainable). */
    public ParameterSet parameters() {
        return parameters;
    }

    /** The adapter's architecture. */
    public UNetConfig adapterConfig() {
        return adapter.config();
    }

    /** Names of the blocks that have a connector (ControlNet: zero convs). */
    public List<String> connectorKeys() {
        return List.copyOf(connectors.keySet());
    }

    @Override
    public List<ParameterSet.Parameter> trainableParameters() {
        return parameters.trainable();
    }

    @Override
    public void close() {
        parameters.close();
    }
}
