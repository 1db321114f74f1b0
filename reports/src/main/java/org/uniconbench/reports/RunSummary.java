package org.uniconbench.reports;

import java.util.List;
import java.util.Optional;

/**
 * The contents of {@code summary.json}: one experiment run and one row per arm.
 *
 * @param experiment experiment name, e.g. {@code quickstart}
 * @param description free-text description, or {@code null} if none was recorded
 * @param status {@code completed}, {@code failed} or {@code partial}; {@code null} if not recorded
 * @param arms the arms in the order the harness wrote them, including the {@code backbone}
 *     reference row when present
 * @param realVsReal the feature-space proxies between two disjoint sets of real images of the same
 *     size: the floor an arm's figures are read against; {@code null} when not recorded
 */
public record RunSummary(String experiment, String description, String status, List<ArmResult> arms,
    FeatureProxies realVsReal) {
  /** Copies {@code arms} so the summary is immutable. */
  public RunSummary {
    arms = List.copyOf(arms);
  }

  /** Returns the arm with this name, if the run has one. */
  public Optional<ArmResult> arm(String name) {
    return arms.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
