package org.uniconbench.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the run summary: what one arm (adapter, seed) cost and scored.
 *
 * <p>Every boxed field is {@code null} when it was not measured (a failed arm, or the
 * {@code backbone} reference row, whose adapter fields do not apply).
 *
 * @param name arm name, unique within the run; also the folder name under {@code arms/}
 * @param method {@code controlnet}, {@code unicon}, or {@code none} for the backbone reference
 * @param seed the arm's seed
 * @param status {@code completed} or {@code failed}
 * @param error the failure message of a failed arm, else {@code null}
 * @param width adapter width multiplier
 * @param depth adapter depth
 * @param connector how the adapter feeds the backbone, e.g. {@code zero-conv}
 * @param trainableParams number of trainable parameters
 * @param frozenParams number of frozen (backbone) parameters
 * @param totalParams trainable plus frozen parameters
 * @param steps optimizer steps run
 * @param batchSize images per step
 * @param trainSeconds wall-clock training time in seconds
 * @param medianStepMs median step time in milliseconds
 * @param p10StepMs 10th percentile step time in milliseconds
 * @param p90StepMs 90th percentile step time in milliseconds
 * @param imagesPerSecond training throughput
 * @param peakMemoryBytes peak memory in bytes, measured as {@code memoryMethod} says
 * @param memoryMethod how peak memory was measured
 * @param finalLoss training loss at the last step
 * @param ssim structural similarity of generated vs target images (higher is better)
 * @param psnr peak signal-to-noise ratio in dB (higher is better)
 * @param edgeF1 F1 of edges in generated images against the condition edges (higher is better)
 * @param maskIou mask condition only: IoU of the generated image's foreground (thresholded) with the
 *     condition mask (higher is better)
 * @param depthRmse depth condition only: RMSE (0-255) between the oracle depth of the generated image
 *     and the condition depth map (lower is better)
 * @param features feature-space quality proxies against the evaluation targets, never null (all
 *     fields null when not measured)
 * @param cost step-time parts and exact memory parts, never null (all fields null when not recorded)
 * @param metrics every {@link Metric} the row holds a number for, by its key (read from the declaration,
 *     so a metric added there is read without a field here); never null
 * @param tuning the learning rate and its search, never null ({@link ArmTuning#NONE} when not recorded)
 */
public record ArmResult(
        String name,
        String method,
        Long seed,
        String status,
        String error,
        Double width,
        Integer depth,
        String connector,
        Long trainableParams,
        Long frozenParams,
        Long totalParams,
        Long steps,
        Integer batchSize,
        Double trainSeconds,
        Double medianStepMs,
        Double p10StepMs,
        Double p90StepMs,
        Double imagesPerSecond,
        Long peakMemoryBytes,
        String memoryMethod,
        Double finalLoss,
        Double ssim,
        Double psnr,
        Double edgeF1,
        Double maskIou,
        Double depthRmse,
        FeatureProxies features,
        ArmCost cost,
        Map<String, Double> metrics,
        ArmTuning tuning) {

    /**
     * Replaces a null {@code features} by {@link FeatureProxies#NONE}, a null {@code cost} by {@link ArmCost#NONE},
     * and null {@code metrics} by the declared metrics of the typed fields.
     */
    public ArmResult {
        features = features == null ? FeatureProxies.NONE : features;
        cost = cost == null ? ArmCost.NONE : cost;
        tuning = tuning == null ? ArmTuning.NONE : tuning;
        if (metrics == null) {
            Map<String, Double> typed = new LinkedHashMap<>();
            put(typed, Metric.TRAINABLE_PARAMS, trainableParams);
            put(typed, Metric.PEAK_MEMORY, peakMemoryBytes);
            put(typed, Metric.MEDIAN_STEP, medianStepMs);
            put(typed, Metric.SSIM, ssim);
            put(typed, Metric.EDGE_F1, edgeF1);
            put(typed, Metric.PSNR, psnr);
            put(typed, Metric.FD_CLASSIFIER, features.fdClassifier());
            put(typed, Metric.MEDIAN_DATA, cost.medianDataMs());
            put(typed, Metric.MEDIAN_FORWARD, cost.medianForwardMs());
            put(typed, Metric.MEDIAN_BACKWARD, cost.medianBackwardMs());
            put(typed, Metric.MEDIAN_OPTIMIZER, cost.medianOptimizerMs());
            put(typed, Metric.IMAGES_PER_SECOND, imagesPerSecond);
            put(typed, Metric.FINAL_LOSS, finalLoss);
            put(typed, Metric.KID_CLASSIFIER, features.kidClassifier());
            put(typed, Metric.FD_RANDOM, features.fdRandom());
            put(typed, Metric.MASK_IOU, maskIou);
            put(typed, Metric.DEPTH_RMSE, depthRmse);
            put(typed, Metric.TRAINABLE_WEIGHT_BYTES, cost.trainableWeightBytes());
            put(typed, Metric.GRADIENT_BYTES, cost.gradientBytes());
            put(typed, Metric.OPTIMIZER_STATE_BYTES, cost.optimizerStateBytes());
            put(typed, Metric.FROZEN_WEIGHT_BYTES, cost.frozenWeightBytes());
            metrics = typed;
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * A row built from its typed fields (tests, hand-made rows): {@link #metrics} follows from them.
     */
    public ArmResult(String name, String method, Long seed, String status, String error, Double width,
            Integer depth, String connector, Long trainableParams, Long frozenParams, Long totalParams,
            Long steps, Integer batchSize, Double trainSeconds, Double medianStepMs, Double p10StepMs,
            Double p90StepMs, Double imagesPerSecond, Long peakMemoryBytes, String memoryMethod,
            Double finalLoss, Double ssim, Double psnr, Double edgeF1, Double maskIou, Double depthRmse,
            FeatureProxies features, ArmCost cost) {
        this(name, method, seed, status, error, width, depth, connector, trainableParams, frozenParams,
                totalParams, steps, batchSize, trainSeconds, medianStepMs, p10StepMs, p90StepMs,
                imagesPerSecond, peakMemoryBytes, memoryMethod, finalLoss, ssim, psnr, edgeF1, maskIou,
                depthRmse, features, cost, null, null);
    }

    private static void put(Map<String, Double> out, Metric m, Number v) {
        if (v != null) {
            out.put(m.key(), v.doubleValue());
        }
    }

    /** Returns the metric's value in this row, or {@code null} when the row does not hold it. */
    public Double metric(Metric m) {
        return metrics.get(m.key());
    }

    /** A row without step-time and memory parts (as written before those fields existed). */
    public ArmResult(String name, String method, Long seed, String status, String error, Double width,
            Integer depth, String connector, Long trainableParams, Long frozenParams, Long totalParams,
            Long steps, Integer batchSize, Double trainSeconds, Double medianStepMs, Double p10StepMs,
            Double p90StepMs, Double imagesPerSecond, Long peakMemoryBytes, String memoryMethod,
            Double finalLoss, Double ssim, Double psnr, Double edgeF1, Double maskIou, Double depthRmse,
            FeatureProxies features) {
        this(name, method, seed, status, error, width, depth, connector, trainableParams, frozenParams,
                totalParams, steps, batchSize, trainSeconds, medianStepMs, p10StepMs, p90StepMs,
                imagesPerSecond, peakMemoryBytes, memoryMethod, finalLoss, ssim, psnr, edgeF1, maskIou,
                depthRmse, features, ArmCost.NONE, null, null);
    }

    /** Method name of the uncontrolled backbone reference row. */
    public static final String BACKBONE_METHOD = "none";

    /** Returns true when the arm's status is {@code failed}. */
    public boolean failed() {
        return "failed".equalsIgnoreCase(status);
    }

    /** Returns true for the uncontrolled backbone reference row (method {@code none}). */
    public boolean isBackbone() {
        return BACKBONE_METHOD.equalsIgnoreCase(method);
    }
}
