package org.uniconbench.baselines.unet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.Layers;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diffusion backbone: a {@link UNet} with its own parameters, trainable while the harness
 * pre-trains it and frozen afterwards (loaded frozen from a checkpoint).
 */
public final class Backbone implements Denoiser, AutoCloseable {

    private final ParameterSet parameters;
    private final UNet net;

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
    }

    /** The network (for adapters that call its encoder and decoder separately). */
    public UNet net() {
        return net;
    }

    /** Its parameters. */
    public ParameterSet parameters() {
        return parameters;
    }

    @Override
    public NDArray predictNoise(NDArray noisy, NDArray timesteps, NDArray condition) {
        return net.forward(noisy, timesteps, BlockHook.NONE);
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
        net.forward(noisy, timesteps, (key, h) -> {
            features.put(key, h);
            return h;
        });
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
