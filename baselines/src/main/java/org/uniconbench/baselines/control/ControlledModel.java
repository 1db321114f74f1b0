package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNet;

import java.util.List;

/**
 * A frozen backbone steered by a trainable adapter: ControlNet or UniCon.
 *
 * <p>The whole difference between the two methods is in {@link #predictNoise} (information flow,
 * {@link Flow}) and in what is copied ({@link Scope}); every ablation variant of the paper is a
 * combination of the two plus a {@link ConnectorKind}, built by one {@link Topology} per kind of
 * backbone. The methods' own variants:
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
    private final ParameterSet parameters;
    private final Topology topology;
    private final List<ParameterSet.Parameter> copied;

    /**
     * Builds the adapter and initialises its copied blocks from the backbone.
     *
     * @param backbone the frozen backbone (not owned: closing this model leaves it open)
     * @param spec which adapter
     * @param seed initialisation seed for the parts not copied (hint encoder, connectors)
     * @throws IllegalArgumentException when the variant cannot work on this backbone (the reason)
     */
    public ControlledModel(Backbone backbone, AdapterSpec spec, long seed) {
        String problem = spec.scope().problem(spec.flow(), backbone.isChain());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.spec = spec;
        this.parameters = new ParameterSet(backbone.parameters().device());
        Layers layers = new Layers(parameters, new Init(seed), true);
        this.topology = backbone.isChain()
                ? new ChainTopology(backbone.dit(), spec, layers)
                : new UNetTopology(backbone.net(), spec, layers);
        WeightCopy.copyMatching(backbone.parameters(), parameters);
        this.copied = parameters.all().stream().filter(p -> backbone.parameters().get(p.name()) != null).toList();
    }

    /**
     * Predicts the noise. THE place where ControlNet and UniCon differ: which way information flows.
     */
    @Override
    public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
        return switch (spec.flow()) {
            // ControlNet: adapter features into the frozen backbone, which produces the output;
            // the loss's gradient must pass back through the frozen blocks
            case BIDIRECTIONAL -> topology.bidirectional(noisy, timesteps, condition);
            // UniCon: frozen backbone forward only, its features into the adapter, which produces the output
            case UNIDIRECTIONAL -> topology.unidirectional(noisy, timesteps, condition);
        };
    }

    /**
     * ControlNet's steps 1-3 on a U-Net (the frozen decoder's input with the copy's residuals).
     * Package-private so tests can cut the decoder's input off the graph and show that the adapter's
     * gradient arrives only through the frozen decoder.
     */
    UNet.Encoded controlNetEncoding(NDArray noisy, NDArray timesteps, NDArray time, NDArray condition) {
        return ((UNetTopology) topology).controlNetEncoding(noisy, timesteps, time, condition);
    }

    /** The adapter's specification. */
    public AdapterSpec spec() {
        return spec;
    }

    /** The adapter's parameters (all trainable). */
    public ParameterSet parameters() {
        return parameters;
    }

    /**
     * The adapter's parameters initialised from the backbone (its copied blocks), without the hint
     * encoder and the connectors: what a distillation warm start trains.
     */
    public List<ParameterSet.Parameter> copiedParameters() {
        return copied;
    }

    /** The adapter's widths: channels per level (U-Net) or token width (DiT). */
    public List<Integer> adapterChannels() {
        return topology.adapterChannels();
    }

    /** Names of the blocks that have a connector (ControlNet: zero convs). */
    public List<String> connectorKeys() {
        return topology.connectorKeys();
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
