package org.uniconbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures the report charts for one arm: the mean and interval over seeds from
 * the run summary's {@code aggregates} where the harness wrote one, else the first completed
 * seed's row (an interval of that one value, n = 1).
 *
 * @param name arm name
 * @param method {@code controlnet}, {@code unicon} or {@code none}
 * @param seeds completed seeds of the arm (rows in the summary)
 * @param aggregate the arm's aggregate, or {@code null} in runs from before aggregation
 * @param first the first completed row of the arm, or the first row when none completed
 */
record ArmFigures(String name, String method, int seeds, ArmAggregate aggregate, ArmResult first) {

    /** Metric keys, as in arm rows and aggregates (declared in {@link Metric}). */
    static final String SSIM = Metric.SSIM.key();
    static final String PSNR = Metric.PSNR.key();
    static final String EDGE_F1 = Metric.EDGE_F1.key();
    static final String PEAK = Metric.PEAK_MEMORY.key();
    static final String STEP_MS = Metric.MEDIAN_STEP.key();
    static final String DATA_MS = Metric.MEDIAN_DATA.key();
    static final String FORWARD_MS = Metric.MEDIAN_FORWARD.key();
    static final String BACKWARD_MS = Metric.MEDIAN_BACKWARD.key();
    static final String OPTIMIZER_MS = Metric.MEDIAN_OPTIMIZER.key();
    static final String IMAGES_PER_S = Metric.IMAGES_PER_SECOND.key();
    static final String TRAINABLE = Metric.TRAINABLE_PARAMS.key();
    static final String FD_CLASSIFIER = Metric.FD_CLASSIFIER.key();
    static final String KID_CLASSIFIER = Metric.KID_CLASSIFIER.key();
    static final String FD_RANDOM = Metric.FD_RANDOM.key();
    static final String MASK_IOU = Metric.MASK_IOU.key();
    static final String DEPTH_RMSE = Metric.DEPTH_RMSE.key();
    static final String FINAL_LOSS = Metric.FINAL_LOSS.key();
    static final String TRAINABLE_BYTES = Metric.TRAINABLE_WEIGHT_BYTES.key();
    static final String GRADIENT_BYTES = Metric.GRADIENT_BYTES.key();
    static final String OPTIMIZER_BYTES = Metric.OPTIMIZER_STATE_BYTES.key();
    static final String FROZEN_BYTES = Metric.FROZEN_WEIGHT_BYTES.key();

    /** One entry per distinct arm name, in the order of the summary's rows. */
    static List<ArmFigures> of(RunSummary s) {
        List<ArmFigures> out = new ArrayList<>();
        for (String name : s.armNames()) {
            List<ArmResult> rows = s.arms().stream().filter(a -> a.name().equals(name)).toList();
            List<ArmResult> completed = rows.stream().filter(a -> !a.failed()).toList();
            ArmResult first = completed.isEmpty() ? rows.get(0) : completed.get(0);
            out.add(new ArmFigures(name, first.method(), completed.size(), s.aggregate(name).orElse(null), first));
        }
        return out;
    }

    /** Returns true for the uncontrolled backbone reference. */
    boolean isBackbone() {
        return first.isBackbone();
    }

    /** Returns true when no seed of the arm completed. */
    boolean failed() {
        return seeds == 0 && first.failed();
    }

    /** Seeds behind the figures: the aggregate's n, else 1 (the first seed's row). */
    int n() {
        return aggregate != null && aggregate.n() != null ? aggregate.n() : 1;
    }

    /**
     * Returns the metric's estimate: the aggregate's when present, else the first completed seed's
     * value; {@code null} when neither measured it (or the arm failed).
     */
    Estimate get(String metric) {
        if (aggregate != null) {
            Estimate e = aggregate.metric(metric);
            if (e != null) {
                return e;
            }
        }
        if (failed()) {
            return null;
        }
        Double v = rowValue(first, metric);
        return v == null || !Double.isFinite(v) ? null : Estimate.single(v);
    }

    /** Returns the metric's point value, or empty when not measured. */
    Optional<Double> value(String metric) {
        Estimate e = get(metric);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** Reads a metric from an arm row by its key; {@code null} for a metric the row does not hold. */
    static Double rowValue(ArmResult a, String metric) {
        return a.metrics().get(metric);
    }
}
