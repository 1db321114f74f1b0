package org.uniconbench.baselines.unet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.dit.DiT;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diffusion backbone: a {@link UNet} or a {@link DiT} with its own parameters, trainable while
 * the harness pre-trains it and frozen afterwards (loaded frozen from a checkpoint).
 */
public final class Backbone implements Denoiser, AutoCloseable {

    private final ParameterSet parameters;
    private final UNet net;
    private final DiT dit;

    /**
     * Builds a backbone with freshly initialised weights.
     *
     * @param config the architecture (with decoder)
     * @param device where the weights live
     * @param seed initialisation seed
     * @param trainable true to pre-train it, false for the frozen backbone under control
     */
    public Backbone(UNetConfig config, Device device, long seed, boolean trainable) {
        if (!config.withDecoder()) {
            throw new IllegalArgumentException("A backbone needs its decoder");
        }
        this.parameters = new ParameterSet(device);
        this.net = new UNet(config, new Layers(parameters, new Init(seed), trainable));
        this.dit = null;
    }

    /**
     * Builds a diffusion-transformer backbone with freshly initialised weights.
     *
     * @param config the architecture
     * @param device where the weights live
     * @param seed initialisation seed
     * @param trainable true to pre-train it, false for the frozen backbone under control
     */
    public Backbone(DiTConfig config, Device device, long seed, boolean trainable) {
        this.parameters = new ParameterSet(device);
        this.net = null;
        this.dit = new DiT(config, new Layers(parameters, new Init(seed), trainable));
    }

    /** True for a chain of blocks (DiT), false for the U-Net. */
    public boolean isChain() {
        return dit != null;
    }

    /**
     * The U-Net (for adapters that call its encoder and decoder separately).
     *
     * @throws IllegalStateException when the backbone is a DiT
     */
    public UNet net() {
        if (net == null) {
            throw new IllegalStateException("this backbone is a DiT, not a U-Net");
        }
        return net;
    }

    /**
     * The diffusion transformer.
     *
     * @throws IllegalStateException when the backbone is a U-Net
     */
    public DiT dit() {
        if (dit == null) {
            throw new IllegalStateException("this backbone is a U-Net, not a DiT");
        }
        return dit;
    }

    /** Output width of every named block, in execution order. */
    public Map<String, Integer> blockChannels() {
        return net != null ? net.blockChannels() : dit.blockChannels();
    }

    /** Per-block NDManager scopes on (default) or off, for tests that compare. */
    public void setBlockScopes(boolean on) {
        if (net != null) {
            net.setBlockScopes(on);
        } else {
            dit.setBlockScopes(on);
        }
    }

    /** Its parameters. */
    public ParameterSet parameters() {
        return parameters;
    }

    @Override
    public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
        return net != null ? net.forward(noisy, timesteps, BlockHook.NONE)
                : dit.forward(noisy, timesteps, BlockHook.NONE);
    }

    /**
     * Runs the whole network and records every named block's output (UniCon's view of the
     * backbone). Call it with gradient recording off.
     *
     * @param noisy {@code x_t}
     * @param timesteps {@code [N]} timesteps
     * @return block name to feature, in execution order
     */
    public Map<String, NDArray> features(NDArray noisy, NDArray timesteps) {
        Map<String, NDArray> features = new LinkedHashMap<>();
        BlockHook tap = (key, h) -> {
            features.put(key, h);
            return h;
        };
        if (net != null) {
            net.forward(noisy, timesteps, tap);
        } else {
            dit.forward(noisy, timesteps, tap);
        }
        return features;
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
