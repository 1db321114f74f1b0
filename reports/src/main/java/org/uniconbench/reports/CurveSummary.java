package org.uniconbench.reports;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an arm's control curve ends ({@code arms/NAME/curve.jsonl}), on its mean over seeds: the
 * report's table under the curves and the lines {@code unicon table} prints.
 *
 * @param arm the arm
 * @param metric the control metric's summary field
 * @param seeds seeds with points
 * @param points points of the mean line (steps that any seed reached)
 * @param atStart the value at step 0, or null when the curve has no point there
 * @param lastStep the last step with a point
 * @param last the value there
 * @param tailChange the change from the last point at or before {@link #TAIL} of the steps to the
 *     last point, or null with a single point: a curve still moving here has not flattened
 * @param trainSeconds the mean training time to the last step, evaluation excluded
 */
public record CurveSummary(String arm, String metric, int seeds, int points, Double atStart, long lastStep,
        double last, Double tailChange, double trainSeconds) {

    /** Where the last part of training, whose change {@link #tailChange} is, begins (a fraction of the steps). */
    public static final double TAIL = 0.8;

    /**
     * The curves of a run's trained arms, in summary order; empty when none has a curve.
     *
     * @param run the run folder
     * @return one summary per arm with a curve
     * @throws ReportException when a curve file is not valid
     */
    public static List<CurveSummary> of(RunFolder run) {
        Set<String> names = new LinkedHashSet<>();
        run.summary().arms().stream().filter(a -> !a.isBackbone()).forEach(a -> names.add(a.name()));
        Map<String, List<CurvePoint>> series = new LinkedHashMap<>();
        for (String name : names) {
            List<CurvePoint> points = CurveFile.read(run, name);
            if (!points.isEmpty()) {
                series.put(name, points);
            }
        }
        return series.entrySet().stream().map(e -> of(e.getKey(), e.getValue())).toList();
    }

    /** The summary of one arm's points (all seeds). */
    static CurveSummary of(String arm, List<CurvePoint> points) {
        var seeds = List.copyOf(ControlCurveChart.bySeed(points).values());
        double[][] steps = ControlCurveChart.line(seeds, ControlCurveChart.Axis.STEP);
        double[][] times = ControlCurveChart.line(seeds, ControlCurveChart.Axis.TIME);
        int last = steps[0].length - 1;
        int tail = tailStart(steps[0]);
        return new CurveSummary(arm, points.get(0).metric(), seeds.size(), steps[0].length,
                steps[0][0] == 0 ? steps[1][0] : null, (long) steps[0][last], steps[1][last],
                tail < last ? steps[1][last] - steps[1][tail] : null, times[0][last]);
    }

    /** Index of the last point (before the last) at or before {@link #TAIL} of the steps, 0 at least. */
    static int tailStart(double[] steps) {
        double from = steps[steps.length - 1] * TAIL;
        int start = 0;
        for (int i = 0; i < steps.length - 1; i++) {
            if (steps[i] <= from) {
                start = i;
            }
        }
        return start;
    }
}
