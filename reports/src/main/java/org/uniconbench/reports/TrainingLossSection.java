package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's training-loss chart: every arm's loss, smoothed, with the mean and min-max band over seeds. */
final class TrainingLossSection implements ReportSection {
    @Override
    public String title() {
        return "Training loss";
    }

    @Override
    public String html(ReportInput in) {
        return lossChart(in.run(), in.colors());
    }

    private static String lossChart(RunFolder run, Map<String, Color> colors) {
        Map<String, List<LossPoint>> series = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        for (ArmResult a : run.summary().arms()) {
            try {
                List<LossPoint> points = run.lossSeries(a.name());
                if (points.isEmpty()) {
                    if (!a.isBackbone()) {
                        without.add(a.name());
                    }
                } else {
                    series.put(a.name(), points);
                }
            } catch (ReportException e) {
                errors.append("<p class=\"error\">").append(esc(e.getMessage())).append("</p>\n");
            }
        }
        StringBuilder b = new StringBuilder();
        if (series.isEmpty()) {
            b.append("<p>").append(NOT_MEASURED).append(" (no arm has loss values in arms/NAME/")
                    .append(RunFolder.METRICS).append(")</p>\n");
        } else {
            b.append("<div class=\"chart-box\">")
                    .append(LossChart.html(series, colors, Charts.vectorGraphicsAvailable())).append("</div>\n");
            b.append("<p class=\"sub\">").append(LossChart.logAxisHelps(series) ? "Log-scale y axis. " : "")
                    .append("One line per arm; the backbone reference is not trained.");
            int window = LossChart.maxWindow(series);
            if (window > 1) {
                b.append(' ').append(Captions.get("loss.smoothing", window, LossChart.SMOOTHING_FRACTION));
            }
            int seeds = LossChart.maxSeeds(series);
            if (seeds > 1) {
                b.append(' ').append(Captions.get("loss.band"));
            }
            if (!without.isEmpty()) {
                b.append(" No loss recorded for: ").append(esc(String.join(", ", without))).append('.');
            }
            b.append("</p>\n");
        }
        return b.append(errors).toString();
    }
}
