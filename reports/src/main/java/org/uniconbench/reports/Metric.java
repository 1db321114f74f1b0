package org.uniconbench.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every metric of a summary row, declared once: its JSON key (also its MLflow key), its label and
 * unit, which way is better, what kind of value it is, and how it is treated over seeds and against
 * the reference arm. The writer aggregates every metric declared here over seeds (mean and
 * interval, {@code aggregates}), pairs the {@link #compared()} ones with the reference arm
 * ({@code comparisons}); the reader types each row's metrics from this list
 * ({@link ArmResult#metric}); {@code unicon table} prints the {@link #tabled()} ones; {@code unicon
 * reproduce} compares them as their {@link Kind} says.
 *
 * <p>Adding a metric: compute it in the arm's row (the writer), then one constant here. The order
 * here is the order of a row's aggregates and of the tables.
 */
public enum Metric {
    /** Trainable parameters of the adapter and connectors. */
    TRAINABLE_PARAMS("trainableParams", "trainable params", "params", "", Direction.LOWER, Kind.DETERMINISTIC,
            true, new Display(1, "%,.0f")),
    /** Peak memory of training, as the row's {@code memoryMethod} says. */
    PEAK_MEMORY("peakMemoryBytes", "peak memory", "memory", "bytes", Direction.LOWER, Kind.MEMORY, true,
            new Display(1.0 / (1 << 20), "%.0f", "MiB")),
    /** Median training step. */
    MEDIAN_STEP("medianStepMs", "median step", "step time", "ms", Direction.LOWER, Kind.TIME, true,
            new Display(1, "%.1f")),
    /**
     * Median step of the interleaved timing passes ({@code evaluation.timing_passes}): after training,
     * every arm of a seed is timed back to back in fresh JVMs, in an order that rotates, so the arms of
     * one seed share the machine's state and a paired ratio carries the method, not the machine's drift.
     */
    TIMED_STEP("timedStepMs", "interleaved step", "interleaved step", "ms", Direction.LOWER, Kind.TIME, true,
            new Display(1, "%.1f")),
    /** Structural similarity of generated and target images. */
    SSIM("ssim", "SSIM", "SSIM", "", Direction.HIGHER, Kind.DETERMINISTIC, true, new Display(1, "%.3f")),
    /** F1 of the generated image's edges against the condition's (Canny). */
    EDGE_F1("edgeF1", "edge F1", "edge F1", "", Direction.HIGHER, Kind.DETERMINISTIC, true, new Display(1, "%.3f")),
    /** Peak signal-to-noise ratio of generated against target images. */
    PSNR("psnr", "PSNR", "PSNR", "dB", Direction.HIGHER, Kind.DETERMINISTIC, true, new Display(1, "%.2f")),
    /** Fréchet distance in the feature classifier's space: a quality proxy, not FID. */
    FD_CLASSIFIER("fdClassifier", "FD-cls (proxy)", null, "", Direction.LOWER, Kind.DETERMINISTIC, false,
            new Display(1, "%.3g")),
    /** Median time to load a batch. */
    MEDIAN_DATA("medianDataMs", "median data", null, "ms", Direction.LOWER, Kind.TIME, false, null),
    /** Median forward pass. */
    MEDIAN_FORWARD("medianForwardMs", "median forward", null, "ms", Direction.LOWER, Kind.TIME, false, null),
    /** Median backward pass. */
    MEDIAN_BACKWARD("medianBackwardMs", "median backward", null, "ms", Direction.LOWER, Kind.TIME, false, null),
    /** Median optimiser step. */
    MEDIAN_OPTIMIZER("medianOptimizerMs", "median optimiser", null, "ms", Direction.LOWER, Kind.TIME, false, null),
    /** Training throughput. */
    IMAGES_PER_SECOND("imagesPerSecond", "throughput", null, "images/s", Direction.HIGHER, Kind.TIME, false, null),
    /** Training loss at the last step. */
    FINAL_LOSS("finalLoss", "final loss", null, "", Direction.LOWER, Kind.DETERMINISTIC, false, null),
    /** Kernel inception-style distance in the feature classifier's space. */
    KID_CLASSIFIER("kidClassifier", "KID-cls (proxy)", null, "", Direction.LOWER, Kind.DETERMINISTIC, false, null),
    /** Fréchet distance in a random network's feature space. */
    FD_RANDOM("fdRandom", "FD-random (proxy)", null, "", Direction.LOWER, Kind.DETERMINISTIC, false, null),
    /** Mask condition: IoU of the generated image's foreground with the mask. */
    MASK_IOU("maskIou", "mask IoU", null, "", Direction.HIGHER, Kind.DETERMINISTIC, false, null),
    /** Depth condition: RMSE (0-255) of the generated image's oracle depth against the condition. */
    DEPTH_RMSE("depthRmse", "depth RMSE", null, "", Direction.LOWER, Kind.DETERMINISTIC, false, null),
    /** Bytes of the trainable weights. */
    TRAINABLE_WEIGHT_BYTES("trainableWeightBytes", "trainable weights", null, "bytes", Direction.LOWER,
            Kind.DETERMINISTIC, false, null),
    /** Bytes of the gradients. */
    GRADIENT_BYTES("gradientBytes", "gradients", null, "bytes", Direction.LOWER, Kind.DETERMINISTIC, false, null),
    /** Bytes of the optimiser's state. */
    OPTIMIZER_STATE_BYTES("optimizerStateBytes", "optimiser state", null, "bytes", Direction.LOWER,
            Kind.DETERMINISTIC, false, null),
    /** Bytes of the frozen weights. */
    FROZEN_WEIGHT_BYTES("frozenWeightBytes", "frozen weights", null, "bytes", Direction.LOWER, Kind.DETERMINISTIC,
            false, null);

    /** Which way is better. */
    public enum Direction {
        /** Higher is better (fidelity). */
        HIGHER,
        /** Lower is better (cost, distances, errors). */
        LOWER
    }

    /**
     * What kind of value: a deterministic result (the same seed gives the same value on the CPU), or a
     * measurement that another process on the machine moves.
     */
    public enum Kind {
        /** Equal between runs of the same seed on the CPU. */
        DETERMINISTIC,
        /** A duration or a rate derived from one. */
        TIME,
        /** A memory figure. */
        MEMORY;

        /**
         * The kind of any row field: a declared metric's, else by name (a field in ms or seconds is a
         * time, one with {@code MemoryBytes} in its name a memory figure), else deterministic.
         */
        public static Kind of(String field) {
            Optional<Metric> m = byKey(field);
            if (m.isPresent()) {
                return m.get().kind();
            }
            if (field.endsWith("Ms") || field.endsWith("Seconds")) {
                return TIME;
            }
            return field.contains("MemoryBytes") ? MEMORY : DETERMINISTIC;
        }
    }

    /**
     * How a table shows the metric.
     *
     * @param scale factor from the stored unit to the shown one
     * @param format {@link String#format} pattern of the shown value
     * @param unit the shown unit when it differs from the stored one, else {@code null}
     */
    public record Display(double scale, String format, String unit) {
        Display(double scale, String format) {
            this(scale, format, null);
        }
    }

    private final String key;
    private final String label;
    private final String ratioLabel;
    private final String unit;
    private final Direction direction;
    private final Kind kind;
    private final boolean compared;
    private final Display display;

    Metric(String key, String label, String ratioLabel, String unit, Direction direction, Kind kind, boolean compared,
            Display display) {
        this.key = key;
        this.label = label;
        this.ratioLabel = ratioLabel;
        this.unit = unit;
        this.direction = direction;
        this.kind = kind;
        this.compared = compared;
        this.display = display;
    }

    /** The row's JSON key, the aggregate's and ratio's key, and the MLflow metric key. */
    public String key() {
        return key;
    }

    /** The metric in words, for table headers. */
    public String label() {
        return label;
    }

    /** The stored unit ({@code ""} for a plain number). */
    public String unit() {
        return unit;
    }

    /** Which way is better. */
    public Direction direction() {
        return direction;
    }

    /** Deterministic, time or memory. */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether the writer pairs it by seed with the reference arm ({@code comparisons[].ratios}, a
     * paired log-ratio interval). Every metric is aggregated over seeds (mean with a t interval, or
     * the range below five seeds).
     */
    public boolean compared() {
        return compared;
    }

    /** The ratio table's short header ({@code memory}), or {@code null} when not compared. */
    public String ratioLabel() {
        return ratioLabel;
    }

    /** How {@code unicon table} shows it, or empty when the arm table leaves it out. */
    public Optional<Display> display() {
        return Optional.ofNullable(display);
    }

    /** The table header: label and shown unit ({@code peak memory MiB}). */
    public String header() {
        String shown = display != null && display.unit() != null ? display.unit() : unit;
        return shown.isEmpty() ? label : label + " " + shown;
    }

    /** Every metric, in declaration order (the order of aggregates). */
    public static List<Metric> all() {
        return List.of(values());
    }

    /** The metrics paired with the reference arm, in declaration order. */
    public static List<Metric> ratios() {
        return Arrays.stream(values()).filter(Metric::compared).toList();
    }

    /** The metrics of {@code unicon table}'s arm table, in declaration order. */
    public static List<Metric> tabled() {
        return Arrays.stream(values()).filter(m -> m.display != null).toList();
    }

    /** The metric stored under this JSON key, if one is declared. */
    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /** The keys of a list of metrics. */
    public static List<String> keys(List<Metric> metrics) {
        return metrics.stream().map(Metric::key).toList();
    }
}
