package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.uniconbench.reports.table.ArmMedians;

/**
 * The comparison page's "Cost against backbone size": for every run with a cost-model estimate
 * (the run summary's {@code estimate}), the UniCon arm nearest ControlNet's trainable parameters against
 * the reference arm, its measured ratios (peak memory, median step time) and predicted ratios
 * (training memory, step FLOPs, also with features cached) against the backbone's parameters,
 * with the paper's figures on the same axes.
 */
final class ScalingFigure {

    /** The paper's figures and where they are drawn: at the pixart-alpha-like preset's backbone size. */
    static final double PAPER_BACKBONE = 6.75e8;
    static final double PAPER_MEMORY = 0.67;
    static final double PAPER_TIME = 0.43;

    private static final String MEMORY = Metric.PEAK_MEMORY.key();
    private static final String STEP_MS = Metric.MEDIAN_STEP.key();

    /** One run's point. Measured ratios are null when the run has no measured figure. */
    record Point(String run, String arm, String reference, double backboneParams, Double memoryMeasured,
            double memoryPredicted, Double timeMeasured, double flopsPredicted, double flopsCached, double params) {
    }

    private ScalingFigure() {
    }

    /** The points of the runs that carry an estimate, by backbone size. */
    static List<Point> points(List<RunFolder> runs) {
        List<Point> points = new ArrayList<>();
        // medians over each arm's seeds, grouped by run and arm in one table of every run's rows
        ArmMedians medians = ArmMedians.of(runs, List.of(MEMORY, STEP_MS));
        for (int i = 0; i < runs.size(); i++) {
            RunFolder run = runs.get(i);
            JsonNode estimate = run.estimate();
            String reference = estimate.path("reference").asText(null);
            if (reference == null) {
                continue;
            }
            String arm = null;
            double best = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) estimate
                    .path("arms")::fields) {
                double distance = Math
                        .abs(Math.log(e.getValue().path("vsReference").path("trainableParams").asDouble(1e9)));
                if (!e.getKey().equals(reference) && "unicon".equals(e.getValue().path("method").asText())
                        && distance < best) {
                    best = distance;
                    arm = e.getKey();
                }
            }
            if (arm == null) {
                continue;
            }
            JsonNode a = estimate.path("arms").path(arm);
            JsonNode vs = a.path("vsReference");
            points.add(new Point(run.dir().getFileName().toString(), arm, reference, a.path("frozenParams").asDouble(),
                    ratio(medians.get(i, arm, MEMORY), medians.get(i, reference, MEMORY)),
                    vs.path("trainingMemory").asDouble(),
                    ratio(medians.get(i, arm, STEP_MS), medians.get(i, reference, STEP_MS)),
                    vs.path("stepFlops").asDouble(), vs.path("stepFlopsFeaturesCached").asDouble(),
                    vs.path("trainableParams").asDouble()));
        }
        points.sort(Comparator.comparingDouble(Point::backboneParams));
        return points;
    }

    /** The section: a table of the points and two charts, or a line saying no run has an estimate. */
    static String html(List<RunFolder> runs) {
        List<Point> points = points(runs);
        if (points.isEmpty()) {
            return "<p>No run here has a cost-model estimate (the run summary's <code>estimate</code>).</p>\n";
        }
        StringBuilder b = new StringBuilder(
                "<p class=\"sub\">Per run, the UniCon arm nearest the reference's trainable ")
                .append("parameters, as a ratio to the reference (ControlNet). Measured: median peak memory and median step ")
                .append("time of the rows; predicted: the cost model's training memory and step FLOPs (with the backbone's ")
                .append("features cached: the paper's setting). The paper's figures are drawn at the pixart-alpha-like ")
                .append("preset's backbone size.</p>\n<div class=\"scroll\"><table class=\"arms\">\n<thead><tr><th>Run</th>")
                .append("<th>Arm / reference</th><th>Backbone params</th><th>Params ratio</th><th>Memory measured</th>")
                .append("<th>Memory predicted</th><th>Step time measured</th><th>Step FLOPs predicted</th>")
                .append("<th>Features cached</th></tr></thead>\n<tbody>\n");
        for (Point p : points) {
            b.append("<tr><td>").append(Html.esc(p.run())).append("</td><td>").append(Html.esc(p.arm())).append(" / ")
                    .append(Html.esc(p.reference())).append("</td><td>")
                    .append(Html.count(Math.round(p.backboneParams())))
                    .append("</td><td>").append(Html.fixed(p.params(), 2)).append("x</td><td>")
                    .append(cell(p.memoryMeasured()))
                    .append("</td><td>").append(cell(p.memoryPredicted())).append("</td><td>")
                    .append(cell(p.timeMeasured()))
                    .append("</td><td>").append(cell(p.flopsPredicted())).append("</td><td>")
                    .append(cell(p.flopsCached()))
                    .append("</td></tr>\n");
        }
        b.append("<tr><td>paper</td><td>UniCon / ControlNet</td><td>-</td><td>1x</td><td>")
                .append(Html.fixed(PAPER_MEMORY, 2)).append("x</td><td></td><td>").append(Html.fixed(PAPER_TIME, 2))
                .append("x</td><td></td><td></td></tr>\n</tbody></table></div>\n");
        b.append(Charts.html(chart(points, "memory ratio", PAPER_MEMORY, List.of(
                new Line("measured (peak)", Point::memoryMeasured), new Line("predicted (training bytes)",
                        p -> p.memoryPredicted()))),
                "memory ratio UniCon / ControlNet against backbone parameters"));
        b.append(Charts.html(chart(points, "step-time ratio", PAPER_TIME, List.of(
                new Line("measured (median step)", Point::timeMeasured), new Line("predicted (step FLOPs)",
                        p -> p.flopsPredicted()),
                new Line("predicted, features cached", p -> p.flopsCached()))),
                "step time ratio UniCon / ControlNet against backbone parameters"));
        return b.toString();
    }

    private record Line(String name, Function<Point, Double> value) {
    }

    private static XYChart chart(List<Point> points, String title, double paper, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(CostCharts.WIDTH).height(CostCharts.HEIGHT)
                .xAxisTitle("backbone parameters (log scale)").yAxisTitle(title + " UniCon / ControlNet").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        int index = 0;
        for (Line line : lines) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Point p : points) {
                Double v = line.value().apply(p);
                if (v != null && Double.isFinite(v)) {
                    x.add(p.backboneParams());
                    y.add(v);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(line.name(), x, y);
            Color color = Charts.armColor(index++, false);
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(1.8f));
        }
        XYSeries p = chart.addSeries("paper", Collections.singletonList(PAPER_BACKBONE),
                Collections.singletonList(paper));
        p.setMarker(SeriesMarkers.DIAMOND);
        p.setMarkerColor(Color.BLACK);
        p.setLineStyle(new BasicStroke(0f));
        p.setLineColor(Color.BLACK);
        return chart;
    }

    private static String cell(Double ratio) {
        return ratio == null || !Double.isFinite(ratio) ? "-" : Html.fixed(ratio, 2) + "x";
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }
}
