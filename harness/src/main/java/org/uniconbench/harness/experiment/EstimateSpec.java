package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.cost.Precision;

import java.util.Objects;

/**
 * The {@code estimate} block: how {@code unicon estimate} prices the arms, and whether the file is
 * for estimates only (a model at the paper's scale that this harness does not train).
 *
 * @param only true: {@code unicon run} refuses the file; widths up to the paper's are allowed
 * @param precision the number format the estimate assumes (training here is fp32)
 */
public record EstimateSpec(boolean only, Precision precision) {

    /** The default: a trainable file, priced in fp32. */
    public static final EstimateSpec DEFAULT = new EstimateSpec(false, Precision.FP32);

    /** Rejects nulls. */
    public EstimateSpec {
        Objects.requireNonNull(precision, "precision");
    }
}
