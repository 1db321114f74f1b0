package org.uniconbench.baselines.control;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * How one kind of backbone is wired to its adapter under each information flow. A topology builds
 * the adapter's copied blocks, hint encoder and connectors (into the model's trainable parameter
 * set) for a {@link Scope}; {@link ControlledModel#predictNoise} picks which flow to run.
 */
interface Topology {

    /**
     * Adapter features are added into the backbone; the frozen backbone produces the output.
     *
     * @param noisy {@code x_t}
     * @param timesteps {@code [N]} timesteps
     * @param condition the condition image
     * @return the predicted noise
     */
    NDArray bidirectional(NDArray noisy, NDArray timesteps, NDArray condition);

    /**
     * The backbone runs forward only; its features flow into the adapter, which produces the output.
     *
     * @param noisy {@code x_t}
     * @param timesteps {@code [N]} timesteps
     * @param condition the condition image
     * @return the predicted noise
     */
    NDArray unidirectional(NDArray noisy, NDArray timesteps, NDArray condition);

    /** Names of the blocks that have a connector, in execution order. */
    List<String> connectorKeys();

    /** The adapter's widths: channels per level (U-Net) or the token width (DiT). */
    List<Integer> adapterChannels();
}
