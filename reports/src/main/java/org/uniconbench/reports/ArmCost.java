package org.uniconbench.reports;

/**
 * The parts of one arm row's cost that split its step time and memory: median step-part times
 * and the exact byte sizes computed from the parameter counts. Each field is {@code null} when the
 * row does not have it (runs from before these fields, failed arms, the backbone row).
 *
 * @param medianDataMs median time to fetch and prepare a batch, ms
 * @param medianForwardMs median forward-pass time, ms
 * @param medianBackwardMs median backward-pass time, ms
 * @param medianOptimizerMs median optimiser-update time, ms
 * @param trainableWeightBytes bytes of the trainable (adapter) weights
 * @param gradientBytes bytes of their gradients
 * @param optimizerStateBytes bytes of the optimiser state (Adam: two moments)
 * @param frozenWeightBytes bytes of the frozen backbone's weights
 */
public record ArmCost(
        Double medianDataMs,
        Double medianForwardMs,
        Double medianBackwardMs,
        Double medianOptimizerMs,
        Long trainableWeightBytes,
        Long gradientBytes,
        Long optimizerStateBytes,
        Long frozenWeightBytes) {

    /** Nothing recorded. */
    public static final ArmCost NONE = new ArmCost(null, null, null, null, null, null, null, null);
}
