package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Draws training batches. */
public interface TrainingData {

    /**
     * A batch of clean images and their conditions.
     *
     * @param images {@code [N x 1 x H x W]} in [-1, 1]
     * @param conditions {@code [N x 1 x H x W]} in [0, 1]
     */
    record Batch(NDArray images, NDArray conditions) {
    }

    /** Number of examples. */
    int size();

    /**
     * Builds the batch of the given examples on {@code manager}.
     *
     * @param manager where the arrays go (the step's scope)
     * @param indices example indices
     * @return the batch
     */
    Batch batch(NDManager manager, int[] indices);
}
