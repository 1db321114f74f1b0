package org.uniconbench.baselines.cost;

import java.util.Locale;

/**
 * The number format of a training step. A model of pure low-precision training: weights, gradients,
 * Adam's moments and activations all take {@link #bytes()} per value (no fp32 master copy; with
 * mixed precision the weights, gradients and moments would stay at 4 bytes each).
 */
public enum Precision {
    /** 32-bit floats, this harness's format on the CPU. */
    FP32(4),
    /** bfloat16, the paper's format on the GPU. */
    BF16(2);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The command-line spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code fp32} or {@code bf16}.
     *
     * @param text the spelling
     * @return the precision
     * @throws IllegalArgumentException naming what is allowed
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.key().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + text + "' is not known; allowed: fp32, bf16");
    }
}
