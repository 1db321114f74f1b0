package org.uniconbench.harness.budget;

import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.UNetConfig;
import org.uniconbench.harness.experiment.BackboneKind;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.train.Blueprint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Searches adapter widths for a budget: the candidates, the width nearest a parameter target, and
 * the widest width under a memory cap.
 *
 * <p>A width only matters through the shape it gives: {@link UNetConfig#scaled} keeps the same
 * number of whole GroupNorm groups on every level, {@link DiTConfig#scaled} rounds the token width
 * and keeps whole heads, so the widths in (0, 1] fall into a few intervals,
 * each giving one adapter shape. The candidates are one width per interval, the shortest decimal
 * inside it (1.0 for the last), ascending; parameters and memory grow with the width, so the
 * searches walk or bisect that list. Pure logic: what a width costs is a function passed in.
 */
final class WidthSearch {

    private WidthSearch() {
    }

    /**
     * One width per distinct adapter shape, ascending, the last being 1.0.
     *
     * @param base the backbone's config
     * @return candidate widths in (0, 1]
     */
    static List<Double> candidates(Experiment e) {
        return e.backbone().kind() == BackboneKind.DIT ? candidates(Blueprint.dit(e)) : candidates(Blueprint.unet(e));
    }

    /**
     * A DiT's candidate widths: one per copy shape (token width, whole heads) {@link DiTConfig#scaled}
     * gives, the first width of the form {@code h / hidden} that gives it.
     */
    static List<Double> candidates(DiTConfig base) {
        List<Double> widths = new ArrayList<>();
        Set<DiTConfig> shapes = new HashSet<>();
        for (int h = 1; h <= base.hidden(); h++) {
            double width = (double) h / base.hidden();
            if (shapes.add(base.scaled(width))) {
                widths.add(width);
            }
        }
        return widths;
    }

    /** The adapter's widths at {@code width}: U-Net channels per level, or the DiT's token width. */
    static List<Integer> channels(Experiment e, double width) {
        return e.backbone().kind() == BackboneKind.DIT ? List.of(Blueprint.dit(e).scaled(width).hidden())
                : Blueprint.unet(e).scaled(width, 1, false).channels();
    }

    static List<Double> candidates(UNetConfig base) {
        // every level keeps k = round(groups * w) groups: k changes to k + 1 at w = (k + 1/2) / groups
        // (Math.round rounds up there)
        List<BigDecimal> edges = new ArrayList<>();
        edges.add(BigDecimal.ZERO);
        for (int k = 1; k < base.groups(); k++) {
            edges.add(BigDecimal.valueOf(2L * k + 1).divide(BigDecimal.valueOf(2L * base.groups()), 12,
                    RoundingMode.HALF_EVEN));
        }
        List<Double> widths = new ArrayList<>();
        Set<List<Integer>> shapes = new HashSet<>();
        for (int i = 0; i < edges.size(); i++) {
            double width = i + 1 < edges.size() ? shortestDecimalBetween(edges.get(i), edges.get(i + 1)) : 1.0;
            if (shapes.add(base.scaled(width, 1, false).channels())) {
                widths.add(width);
            }
        }
        return widths;
    }

    /** The decimal with fewest digits strictly between {@code low} and {@code high}. */
    static double shortestDecimalBetween(BigDecimal low, BigDecimal high) {
        for (int digits = 1;; digits++) {
            BigDecimal d = low.setScale(digits, RoundingMode.FLOOR).add(BigDecimal.ONE.movePointLeft(digits));
            if (d.compareTo(high) < 0) {
                return d.doubleValue();
            }
        }
    }

    /**
     * The result of matching a parameter target.
     *
     * @param width the chosen width
     * @param parameters its trainable parameters
     * @param ratio parameters / target
     * @param tried every candidate with its parameters, ascending
     */
    record Match(double width, long parameters, double ratio, List<Tried> tried) {

        /** Whether the ratio is within {@code tolerance} of 1. */
        boolean within(double tolerance) {
            return Math.abs(ratio - 1) <= tolerance;
        }
    }

    /**
     * A candidate and what it cost.
     *
     * @param width the width
     * @param value parameters or peak bytes
     */
    record Tried(double width, long value) {
    }

    /**
     * The candidate whose parameter count is nearest {@code target} (by ratio; the wider on a tie).
     *
     * @param candidates ascending widths
     * @param parameters trainable parameters at a width
     * @param target the parameters to match
     * @return the nearest candidate, within any tolerance or not
     */
    static Match nearest(List<Double> candidates, ToLongFunction<Double> parameters, long target) {
        List<Tried> tried = new ArrayList<>();
        Tried best = null;
        for (double width : candidates) {
            Tried t = new Tried(width, parameters.applyAsLong(width));
            tried.add(t);
            if (best == null || distance(t.value(), target) <= distance(best.value(), target)) {
                best = t;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no candidate widths");
        }
        return new Match(best.width(), best.value(), (double) best.value() / target, List.copyOf(tried));
    }

    private static double distance(long value, long target) {
        return Math.abs(Math.log((double) value / target));
    }

    /**
     * The result of a memory search.
     *
     * @param width the widest candidate that fit, or null when even the narrowest did not
     * @param peakBytes its measured peak, or null
     * @param probes every measured width in the order measured
     */
    record Fit(Double width, Long peakBytes, List<Tried> probes) {
    }

    /**
     * The widest candidate whose measured peak is at most {@code capBytes}, by bisection: about
     * log2(candidates + 1) measurements. Assumes the peak grows with the width; where measurement
     * noise breaks that, the result is a width that fit next to one that did not.
     *
     * @param candidates ascending widths
     * @param peakBytes measures the peak at a width (expensive: fresh processes)
     * @param capBytes the cap
     * @return the widest fitting width and every probe
     */
    static Fit widestUnder(List<Double> candidates, ToLongFunction<Double> peakBytes, long capBytes) {
        List<Tried> probes = new ArrayList<>();
        int fits = -1; // index known to fit (-1: none yet)
        int fails = candidates.size(); // index known not to fit (size: none yet)
        Long fitPeak = null;
        while (fails - fits > 1) {
            int mid = (fits + fails) >>> 1;
            long peak = peakBytes.applyAsLong(candidates.get(mid));
            probes.add(new Tried(candidates.get(mid), peak));
            if (peak <= capBytes) {
                fits = mid;
                fitPeak = peak;
            } else {
                fails = mid;
            }
        }
        return new Fit(fits < 0 ? null : candidates.get(fits), fitPeak, List.copyOf(probes));
    }
}
