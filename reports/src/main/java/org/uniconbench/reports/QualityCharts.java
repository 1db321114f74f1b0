package org.uniconbench.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The fidelity charts: SSIM and edge F1 per arm as grouped bars (with interval whiskers over
 * seeds), and the Pareto chart of peak memory against SSIM, one labelled point per arm.
 *
 * <p>XChart draws symmetric error bars only; a bootstrap interval need not be symmetric, so a
 * whisker spans the wider side of the interval on both sides (never narrower than the interval).
 * The tables give the exact bounds.
 */
final class QualityCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 340;
    static final int PARETO_HEIGHT = 420;
    private static final double MIB = 1024.0 * 1024.0;

    private QualityCharts() {
    }

    /** Half-width of a symmetric whisker covering the interval: the wider side; 0 without an interval. */
    static double whisker(Estimate e) {
        if (e == null || !e.hasInterval()) {
            return 0;
        }
        return Math.max(0, Math.max(e.high() - e.value(), e.value() - e.low()));
    }

    /**
     * Grouped bars of SSIM and edge F1 for the arms that measured at least one of them; empty
     * string when none did.
     */
    static String fidelityChart(List<ArmFigures> arms) {
        List<ArmFigures> shown = arms.stream()
                .filter(a -> a.get(ArmFigures.SSIM) != null || a.get(ArmFigures.EDGE_F1) != null).toList();
        if (shown.isEmpty()) {
            return "";
        }
        List<String> names = shown.stream().map(ArmFigures::name).toList();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .xAxisTitle("arm").yAxisTitle("score (0–1, higher is better)").build();
        var st = chart.getStyler();
        Charts.style(st);
        st.setAvailableSpaceFill(0.7);
        st.setXAxisLabelRotation(CostCharts.rotation(names));
        st.setErrorBarsColor(new Color(0x1F, 0x23, 0x28));
        boolean whiskers = shown.stream().anyMatch(
                a -> whisker(a.get(ArmFigures.SSIM)) > 0 || whisker(a.get(ArmFigures.EDGE_F1)) > 0);
        String[] metrics = {ArmFigures.SSIM, ArmFigures.EDGE_F1};
        String[] labels = {"SSIM", "edge F1"};
        Color[] colors = {Charts.PALETTE[0], Charts.PALETTE[1]};
        double top = 0;
        for (int m = 0; m < metrics.length; m++) {
            List<Double> ys = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (ArmFigures a : shown) {
                Estimate e = a.get(metrics[m]);
                ys.add(e == null ? 0.0 : e.value()); // an unmeasured bar is left empty (0) and the table says so
                err.add(whisker(e));
                top = Math.max(top, e == null ? 0 : e.value() + whisker(e));
            }
            CategorySeries s = whiskers ? chart.addSeries(labels[m], names, ys, err)
                    : chart.addSeries(labels[m], names, ys);
            s.setFillColor(colors[m]);
            s.setLineColor(colors[m]);
        }
        st.setYAxisMin(0.0);
        st.setYAxisMax(top <= 1.0 ? 1.0 : null);
        return Charts.html(chart, "SSIM and edge F1 per arm" + (whiskers ? " with interval whiskers" : "")
                + "; arms " + String.join(", ", names));
    }

    /** The arms the Pareto chart can place: trained arms with both peak memory and SSIM. */
    static List<ArmFigures> paretoArms(List<ArmFigures> arms) {
        return arms.stream().filter(a -> !a.isBackbone())
                .filter(a -> a.get(ArmFigures.PEAK) != null && a.get(ArmFigures.SSIM) != null).toList();
    }

    /**
     * Peak memory (MiB) against SSIM, one labelled point per arm, coloured as elsewhere in the
     * report; empty string when no arm has both.
     */
    static String paretoChart(List<ArmFigures> arms, Map<String, Color> colors) {
        List<ArmFigures> shown = paretoArms(arms);
        if (shown.isEmpty()) {
            return "";
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PARETO_HEIGHT)
                .xAxisTitle("peak training memory (MiB, as in the Arms table; lower is cheaper)")
                .yAxisTitle("SSIM to the target (higher is better)").build();
        var st = chart.getStyler();
        Charts.style(st);
        st.setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        st.setMarkerSize(11);
        st.setErrorBarsColorSeriesColor(true);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int i = 0;
        double[][] points = new double[shown.size()][];
        for (ArmFigures a : shown) {
            double x = a.get(ArmFigures.PEAK).value() / MIB;
            Estimate ssim = a.get(ArmFigures.SSIM);
            double y = ssim.value();
            double w = whisker(ssim);
            points[i] = new double[] {x, y};
            XYSeries s = w > 0
                    ? chart.addSeries(a.name(), new double[] {x}, new double[] {y}, new double[] {w})
                    : chart.addSeries(a.name(), new double[] {x}, new double[] {y});
            Color c = colors.getOrDefault(a.name(), Charts.armColor(i, false));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(c);
            s.setLineColor(c);
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
            yMin = Math.min(yMin, y - w);
            yMax = Math.max(yMax, y + w);
            i++;
        }
        // Pad the ranges so that the labels above the points stay inside the plot.
        double xPad = xMax > xMin ? (xMax - xMin) * 0.15 : Math.max(1, Math.abs(xMax) * 0.2);
        double yPad = yMax > yMin ? (yMax - yMin) * 0.2 : 0.1;
        st.setXAxisMin(Math.max(0, xMin - xPad));
        st.setXAxisMax(xMax + xPad);
        st.setYAxisMin(yMin - yPad);
        st.setYAxisMax(yMax + yPad * 1.5);
        double lift = (yMax - yMin + 2.5 * yPad) * 0.06;
        for (int k = 0; k < shown.size(); k++) {
            chart.addAnnotation(new AnnotationText(shown.get(k).name(), points[k][0], points[k][1] + lift, false));
        }
        return Charts.html(chart, "Pareto chart: peak training memory against SSIM; arms "
                + String.join(", ", shown.stream().map(ArmFigures::name).toList()));
    }
}
