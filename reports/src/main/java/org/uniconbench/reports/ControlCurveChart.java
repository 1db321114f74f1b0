package org.uniconbench.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The control metric during training, one line per arm, against the training step or against the
 * arm's training wall time (evaluation time excluded). With several seeds the thick line is the
 * mean over seeds at each step (its time: the seeds' mean time to that step) and each seed is a
 * thin, lighter line of the same colour.
 */
final class ControlCurveChart {
    /** What the x axis counts. */
    enum Axis {
        /** Optimizer steps. */
        STEP,
        /** Training wall time in seconds. */
        TIME
    }

    private ControlCurveChart() {
    }

    /** The chart as an HTML fragment; {@code vector} false forces the PNG fallback. */
    static String html(Map<String, List<CurvePoint>> series, Map<String, Color> colors, Axis axis, String metricLabel,
            boolean vector) {
        XYChart chart = new XYChartBuilder().width(LossChart.WIDTH).height(LossChart.HEIGHT)
                .xAxisTitle(axis == Axis.STEP ? "training step (optimizer updates)"
                        : "training wall time, s (evaluation excluded)")
                .yAxisTitle(metricLabel).build();
        var st = chart.getStyler();
        Charts.style(st);
        st.setXAxisTickMarkSpacingHint(90);
        st.setXAxisMin(0.0);
        int index = 0;
        for (Map.Entry<String, List<CurvePoint>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Color color = colors.getOrDefault(e.getKey(), Charts.armColor(index, false));
            index++;
            Map<Long, List<CurvePoint>> seeds = bySeed(e.getValue());
            if (seeds.size() > 1) {
                Color light = Charts.lighter(color, 0.55);
                for (Map.Entry<Long, List<CurvePoint>> seed : seeds.entrySet()) {
                    double[][] xy = line(List.of(seed.getValue()), axis);
                    XYSeries s = chart.addSeries(e.getKey() + " seed " + seed.getKey(), xy[0], xy[1]);
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineStyle(new BasicStroke(0.8f));
                    s.setLineColor(light);
                    s.setShowInLegend(false);
                }
            }
            double[][] xy = line(new ArrayList<>(seeds.values()), axis);
            String name = seeds.size() > 1 ? e.getKey() + " (mean of " + seeds.size() + " seeds)" : e.getKey();
            XYSeries s = chart.addSeries(name, xy[0], xy[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(1.8f));
            s.setLineColor(color);
            s.setMarkerColor(color);
        }
        String label = "control metric (" + metricLabel + ") against "
                + (axis == Axis.STEP ? "training step" : "training time")
                + " for " + String.join(", ", series.keySet());
        return Charts.html(chart, label, vector);
    }

    /** Groups points by seed, in file order; points without a seed form one group. */
    static Map<Long, List<CurvePoint>> bySeed(List<CurvePoint> points) {
        Map<Long, List<CurvePoint>> out = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            out.computeIfAbsent(p.seed() == null ? Long.MIN_VALUE : p.seed(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /**
     * The mean line of some seeds' curves: at each step that any seed reached, x is the step (or the
     * mean training time to it) and y the mean value, over the seeds that have a point there.
     */
    static double[][] line(List<List<CurvePoint>> seeds, Axis axis) {
        TreeMap<Long, List<CurvePoint>> atStep = new TreeMap<>();
        for (List<CurvePoint> seed : seeds) {
            for (CurvePoint p : seed) {
                atStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(p);
            }
        }
        double[] x = new double[atStep.size()];
        double[] y = new double[atStep.size()];
        int i = 0;
        for (Map.Entry<Long, List<CurvePoint>> e : atStep.entrySet()) {
            x[i] = axis == Axis.STEP ? e.getKey()
                    : e.getValue().stream().mapToDouble(CurvePoint::trainSeconds).average().orElse(Double.NaN);
            y[i] = e.getValue().stream().mapToDouble(CurvePoint::value).average().orElse(Double.NaN);
            i++;
        }
        return new double[][] {x, y};
    }
}
