package org.uniconbench.reports;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report's "Control during training" section: each arm's control metric on a small fixed
 * evaluation set every few training steps ({@code arms/NAME/curve.jsonl}, written when the
 * experiment sets {@code evaluation.curve}), against the step and against training wall time, with
 * a table of where each curve ends. The paper argues that UniCon converges faster than ControlNet;
 * this is the figure that tests it, and the one that shows whether the arms trained long enough for
 * their control to flatten. Left out of the report when no arm has a curve.
 */
final class ControlCurveSection implements ReportSection {
    /** The section's title. */
    static final String TITLE = "Control during training";

    @Override
    public String title() {
        return TITLE;
    }

    /** Shown when some arm of the run has a curve file (a bad one shows its error in the section). */
    @Override
    public boolean shown(ReportInput in) {
        return in.summary().arms().stream().filter(a -> !a.isBackbone())
                .anyMatch(a -> java.nio.file.Files.isRegularFile(CurveFile.path(in.run(), a.name())));
    }

    @Override
    public String html(ReportInput in) {
        return render(in.run(), in.colors()).orElse("");
    }

    /** The section body, or empty when no arm of the run has a control curve. */
    static Optional<String> render(RunFolder run, Map<String, Color> colors) {
        Map<String, List<CurvePoint>> series = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        run.summary().arms().stream().filter(a -> !a.isBackbone()).forEach(a -> names.add(a.name()));
        StringBuilder errors = new StringBuilder();
        for (String name : names) {
            try {
                List<CurvePoint> points = CurveFile.read(run, name);
                if (!points.isEmpty()) {
                    series.put(name, points);
                }
            } catch (ReportException e) {
                errors.append("<p class=\"error\">").append(Html.esc(e.getMessage())).append("</p>\n");
            }
        }
        if (series.isEmpty()) {
            return errors.length() == 0 ? Optional.empty() : Optional.of(errors.toString());
        }
        String metric = series.values().iterator().next().get(0).metric();
        String label = label(metric);
        boolean vector = Charts.vectorGraphicsAvailable();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"chart-box\">")
                .append(ControlCurveChart.html(series, colors, ControlCurveChart.Axis.STEP, label, vector))
                .append("</div>\n");
        b.append("<div class=\"chart-box\">")
                .append(ControlCurveChart.html(series, colors, ControlCurveChart.Axis.TIME, label, vector))
                .append("</div>\n");
        b.append("<p class=\"sub\">").append(Html.esc(caption(label, series))).append("</p>\n");
        b.append(table(series));
        return Optional.of(b.append(errors).toString());
    }

    /** The metric as the axis names it, with its direction. */
    static String label(String metric) {
        return switch (metric) {
            case "edgeF1" -> "edge F1 (higher is better)";
            case "maskIou" -> "mask IoU (higher is better)";
            case "depthRmse" -> "depth RMSE, 0-255 (lower is better)";
            case "ssim" -> "SSIM (higher is better)";
            default -> metric;
        };
    }

    private static String caption(String label, Map<String, List<CurvePoint>> series) {
        int seeds = series.values().stream().mapToInt(p -> ControlCurveChart.bySeed(p).size()).max().orElse(1);
        return "What this tests: the paper argues that UniCon converges faster than ControlNet (fewer steps and less "
                + "time to the same control). Each point is the arm's control metric, " + label
                + ", the one the claims use "
                + "for this condition, measured on a small fixed evaluation set (the same conditions and the same noise for "
                + "every arm, seed and point) with the adapter as it was after that step; step 0 is the adapter before "
                + "training. Top: against the optimizer step; bottom: against the arm's training wall time up to that step, "
                + "with the time spent evaluating left out (it is recorded as curveSeconds in arms/NAME/curve.jsonl and "
                + "left out of step times, trainSeconds and a time budget too). A line that is still moving at its end means "
                + "the arm stopped before its control flattened, and its final figures understate it. The set is small, so "
                + "points are noisier than the fidelity table, which uses the full evaluation samples. In the table, the "
                + "change runs from the last point at or before " + Math.round(CurveSummary.TAIL * 100)
                + "% of the steps to the last "
                + "point (mean over seeds)."
                + (seeds > 1 ? " Thick lines: mean over " + seeds + " seeds; thin lighter lines: each seed." : "");
    }

    /** Where each curve ends, and how much it still moved over the last fifth of its steps. */
    private static String table(Map<String, List<CurvePoint>> series) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms curve\">\n<thead><tr>");
        for (String h : List.of("Arm", "Seeds", "Points", "Step 0", "Last step", "Value at last step",
                "Change in last " + Math.round((1 - CurveSummary.TAIL) * 100) + "% of steps", "Train s to last step")) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, List<CurvePoint>> e : series.entrySet()) {
            CurveSummary c = CurveSummary.of(e.getKey(), e.getValue());
            b.append("<tr><td><b>").append(Html.esc(c.arm())).append("</b></td>");
            cell(b, String.valueOf(c.seeds()));
            cell(b, String.valueOf(c.points()));
            cell(b, c.atStart() == null ? "–" : Html.fixed(c.atStart(), 3));
            cell(b, String.valueOf(c.lastStep()));
            cell(b, Html.fixed(c.last(), 3));
            cell(b, c.tailChange() == null ? "–" : signed(c.tailChange()));
            cell(b, Html.fixed(c.trainSeconds(), 1));
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table></div>\n").toString();
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + Html.fixed(v, 3);
    }

    private static void cell(StringBuilder b, String text) {
        b.append("<td class=\"num\">").append(text).append("</td>");
    }
}
