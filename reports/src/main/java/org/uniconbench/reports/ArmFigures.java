package org.uniconbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures the report charts for one arm: the mean and interval over seeds from
 * {@code summary.json}'s {@code aggregates} where the harness wrote one, else the first completed
 * seed's row (an interval of that one value, n = 1).
 *
 * @param name arm name
 * @param method {@code controlnet}, {@code unicon} or {@code none}
 * @param seeds completed seeds of the arm (rows in the summary)
 * @param aggregate the arm's aggregate, or {@code null} in runs from before aggregation
 * @param first the first completed row of the arm, or the first row when none completed
 */
record ArmFigures(String name, String method, int seeds, ArmAggregate aggregate, ArmResult first) {

  /** Metric names, as in arm rows and aggregates. */
  static final String SSIM = "ssim";
  static final String PSNR = "psnr";
  static final String EDGE_F1 = "edgeF1";
  static final String PEAK = "peakMemoryBytes";
  static final String STEP_MS = "medianStepMs";
  static final String DATA_MS = "medianDataMs";
  static final String FORWARD_MS = "medianForwardMs";
  static final String BACKWARD_MS = "medianBackwardMs";
  static final String OPTIMIZER_MS = "medianOptimizerMs";
  static final String IMAGES_PER_S = "imagesPerSecond";
  static final String TRAINABLE = "trainableParams";
  static final String FD_CLASSIFIER = "fdClassifier";
  static final String KID_CLASSIFIER = "kidClassifier";
  static final String FD_RANDOM = "fdRandom";
  static final String MASK_IOU = "maskIou";
  static final String DEPTH_RMSE = "depthRmse";
  static final String FINAL_LOSS = "finalLoss";
  static final String TRAINABLE_BYTES = "trainableWeightBytes";
  static final String GRADIENT_BYTES = "gradientBytes";
  static final String OPTIMIZER_BYTES = "optimizerStateBytes";
  static final String FROZEN_BYTES = "frozenWeightBytes";

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

  /** Reads a metric from an arm row by its summary.json name; {@code null} for unknown names. */
  static Double rowValue(ArmResult a, String metric) {
    ArmCost c = a.cost();
    return switch (metric) {
      case SSIM -> a.ssim();
      case PSNR -> a.psnr();
      case EDGE_F1 -> a.edgeF1();
      case PEAK -> d(a.peakMemoryBytes());
      case STEP_MS -> a.medianStepMs();
      case DATA_MS -> c.medianDataMs();
      case FORWARD_MS -> c.medianForwardMs();
      case BACKWARD_MS -> c.medianBackwardMs();
      case OPTIMIZER_MS -> c.medianOptimizerMs();
      case IMAGES_PER_S -> a.imagesPerSecond();
      case TRAINABLE -> d(a.trainableParams());
      case FD_CLASSIFIER -> a.features().fdClassifier();
      case KID_CLASSIFIER -> a.features().kidClassifier();
      case FD_RANDOM -> a.features().fdRandom();
      case MASK_IOU -> a.maskIou();
      case DEPTH_RMSE -> a.depthRmse();
      case FINAL_LOSS -> a.finalLoss();
      case TRAINABLE_BYTES -> d(c.trainableWeightBytes());
      case GRADIENT_BYTES -> d(c.gradientBytes());
      case OPTIMIZER_BYTES -> d(c.optimizerStateBytes());
      case FROZEN_BYTES -> d(c.frozenWeightBytes());
      default -> null;
    };
  }

  private static Double d(Long v) {
    return v == null ? null : v.doubleValue();
  }
}
