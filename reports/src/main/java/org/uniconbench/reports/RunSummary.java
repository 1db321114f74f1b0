package org.uniconbench.reports;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The contents of the run summary ({@link RunFolder#SUMMARY}): one experiment run and one row per arm.
 *
 * @param experiment experiment name, e.g. {@code quickstart}
 * @param description free-text description, or {@code null} if none was recorded
 * @param status {@code completed}, {@code failed} or {@code partial}; {@code null} if not recorded
 * @param arms the arms in the order the harness wrote them, including the {@code backbone}
 *     reference row when present
 * @param realVsReal the feature-space proxies between two disjoint sets of real images of the same
 *     size: the floor an arm's figures are read against; {@code null} when not recorded
 * @param aggregates each arm's metrics over its seeds (mean and named interval); empty in runs
 *     from before aggregation
 * @param comparisons ratios of each UniCon arm's metrics to the ControlNet arm's; empty when absent
 * @param claims the paper's claims with this run's measurement and verdict; empty when absent
 * @param qualityGate the backbone's quality gate, {@code null} in runs written before it
 * @param schemaVersion the format version the folder was written with ({@link #SCHEMA_VERSION} by this
 *     code; 0 for folders written before the summary carried one)
 */
public record RunSummary(String experiment, String description, String status, List<ArmResult> arms,
        FeatureProxies realVsReal, List<ArmAggregate> aggregates, List<Comparison> comparisons,
        List<Claim> claims, QualityGate qualityGate, int schemaVersion) {

    /**
     * The run-folder format this code writes. 0: no version field (folders up to 2026-11-29); 1: the
     * version is written, intervals are named ({@code level}, {@code method}, {@code n}), claims carry a
     * verdict, reason and reading, and the backbone block carries the quality gate.
     */
    public static final int SCHEMA_VERSION = 1;

    /** Copies the lists so the summary is immutable; a null list reads as empty. */
    public RunSummary {
        arms = List.copyOf(arms);
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** A summary without aggregates, comparisons or claims (as written before those existed). */
    public RunSummary(String experiment, String description, String status, List<ArmResult> arms,
            FeatureProxies realVsReal) {
        this(experiment, description, status, arms, realVsReal, List.of(), List.of(), List.of(), null, 0);
    }

    /** Returns the aggregate of this arm, if the summary has one. */
    public Optional<ArmAggregate> aggregate(String arm) {
        return aggregates.stream().filter(a -> arm.equals(a.arm())).findFirst();
    }

    /** Returns the distinct arm names in file order (an arm with several seeds has several rows). */
    public List<String> armNames() {
        return arms.stream().map(ArmResult::name).distinct().collect(Collectors.toList());
    }

    /** Returns the arm with this name, if the run has one. */
    public Optional<ArmResult> arm(String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
