package org.uniconbench.baselines.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.function.UnaryOperator;

/**
 * Runs one block of a network in its own NDManager so that its intermediates are released when
 * the block returns.
 *
 * <p>DJL keeps every NDArray alive until its manager closes, while PyTorch frees whatever autograd
 * does not need; without a scope per block, a training step would hold every intermediate of the
 * whole pass and memory figures would measure DJL's bookkeeping, not the method. Closing a handle
 * does not free what autograd saved for backward (the tensors are reference-counted natively), so
 * scoping changes no loss and no gradient.
 */
public final class Scopes {

    private Scopes() {
    }

    /**
     * Applies {@code block} to {@code input} inside a sub-manager of the input's manager; the
     * output is moved to the input's manager, everything else the block created is closed.
     *
     * @param input the block's input (its manager receives the output)
     * @param block the computation; its first operand must be the input (results attach to the
     *     first operand's manager)
     * @return the block's output
     */
    public static NDArray block(NDArray input, UnaryOperator<NDArray> block) {
        NDManager parent = input.getManager();
        try (NDManager scope = parent.newSubManager()) {
            input.tempAttach(scope);
            NDArray output = block.apply(input);
            output.attach(parent);
            return output;
        }
    }
}
