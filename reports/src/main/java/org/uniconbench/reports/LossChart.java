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
 * Training loss against step, one line per arm, rendered with XChart as inline SVG (or a PNG
 * data URI when VectorGraphics2D is not on the classpath).
 *
 * <p>Each seed's curve is smoothed with a centred moving average over {@link #window} logged
 * points (about 1/50 of the run), so the per-step noise of a small batch does not hide the trend.
 * When an arm has several seeds its line is the mean of the smoothed seed curves at each step,
 * with two thin lines of the same colour at the lowest and highest seed: a min-max band.
 */
final class LossChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 380;
    /** Use a log y axis when the loss spans at least this factor, so late training stays visible. */
    private static final double LOG_AXIS_MIN_RATIO = 10.0;
    /** The moving-average window is this fraction of an arm's logged points. */
    static final int SMOOTHING_FRACTION = 50;
    /** At most this many points per drawn line (the chart is 900 pixels wide). */
    static final int MAX_POINTS = 300;

    private LossChart() {
    }

    /**
     * Returns an HTML fragment (an {@code <svg>} element or an {@code <img>} with a data URI)
     * showing every non-empty series; {@code series} maps arm name to its loss points, in order.
     */
    static String html(Map<String, List<LossPoint>> series) {
        return html(series, Charts.vectorGraphicsAvailable());
    }

    /** As {@link #html(Map)}; {@code vector} false forces the PNG fallback (for tests). */
    static String html(Map<String, List<LossPoint>> series, boolean vector) {
        return html(series, Map.of(), vector);
    }

    /** As {@link #html(Map)}, with a colour per arm (arms not in {@code colors} take the palette). */
    static String html(Map<String, List<LossPoint>> series, Map<String, Color> colors, boolean vector) {
        XYChart chart = build(series, colors);
        return Charts.html(chart, "training loss against step for " + String.join(", ", series.keySet()), vector);
    }

    static boolean logAxisHelps(Map<String, List<LossPoint>> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (List<LossPoint> points : series.values()) {
            for (LossPoint p : points) {
                if (p.loss() <= 0) {
                    return false; // a log axis cannot show zero or negative values
                }
                min = Math.min(min, p.loss());
                max = Math.max(max, p.loss());
            }
        }
        return max > 0 && max / min >= LOG_AXIS_MIN_RATIO;
    }

    /** The moving-average window (in logged points) for an arm's curves: 1/50 of its longest seed, at least 1. */
    static int window(List<LossPoint> points) {
        int longest = bySeed(points).values().stream().mapToInt(List::size).max().orElse(0);
        return Math.max(1, (int) Math.round(longest / (double) SMOOTHING_FRACTION));
    }

    /** The largest window over all arms (for the caption). */
    static int maxWindow(Map<String, List<LossPoint>> series) {
        return series.values().stream().mapToInt(LossChart::window).max().orElse(1);
    }

    /** The number of seeds of the arm with the most seeds. */
    static int maxSeeds(Map<String, List<LossPoint>> series) {
        return series.values().stream().mapToInt(p -> bySeed(p).size()).max().orElse(0);
    }

    /** Groups points by seed, in file order; points without a seed form one group. */
    static Map<Long, List<LossPoint>> bySeed(List<LossPoint> points) {
        Map<Long, List<LossPoint>> out = new LinkedHashMap<>();
        for (LossPoint p : points) {
            out.computeIfAbsent(p.seed() == null ? Long.MIN_VALUE : p.seed(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** Centred moving average over {@code window} points; the window shrinks at both ends. */
    static double[] smooth(double[] y, int window) {
        if (window <= 1) {
            return y.clone();
        }
        int half = window / 2;
        double[] prefix = new double[y.length + 1];
        for (int i = 0; i < y.length; i++) {
            prefix[i + 1] = prefix[i] + y[i];
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int lo = Math.max(0, i - half);
            int hi = Math.min(y.length, i - half + window);
            out[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
        }
        return out;
    }

    /**
     * The curves of one arm: step, mean over seeds of the smoothed loss, lowest and highest seed.
     * With one seed the three are the same.
     */
    record Band(double[] step, double[] mean, double[] min, double[] max, int seeds) {
    }

    static Band band(List<LossPoint> points) {
        int window = window(points);
        Map<Long, List<LossPoint>> seeds = bySeed(points);
        // step -> smoothed losses of the seeds that logged it
        TreeMap<Long, List<Double>> atStep = new TreeMap<>();
        for (List<LossPoint> seed : seeds.values()) {
            double[] y = new double[seed.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = seed.get(i).loss();
            }
            double[] s = smooth(y, window);
            for (int i = 0; i < s.length; i++) {
                atStep.computeIfAbsent(seed.get(i).step(), k -> new ArrayList<>()).add(s[i]);
            }
        }
        int n = atStep.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        int i = 0;
        for (Map.Entry<Long, List<Double>> e : atStep.entrySet()) {
            x[i] = e.getKey();
            mean[i] = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            min[i] = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            max[i] = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            i++;
        }
        return thin(new Band(x, mean, min, max, seeds.size()));
    }

    /**
     * Keeps at most {@link #MAX_POINTS} evenly spaced points (always the last): after smoothing,
     * more points than pixels only make the page heavier.
     */
    static Band thin(Band b) {
        int n = b.step().length;
        if (n <= MAX_POINTS) {
            return b;
        }
        int keep = MAX_POINTS;
        double[][] in = {b.step(), b.mean(), b.min(), b.max()};
        double[][] out = new double[4][keep];
        for (int k = 0; k < keep; k++) {
            int i = (int) Math.round(k * (n - 1) / (double) (keep - 1));
            for (int j = 0; j < 4; j++) {
                out[j][k] = in[j][i];
            }
        }
        return new Band(out[0], out[1], out[2], out[3], b.seeds());
    }

    private static XYChart build(Map<String, List<LossPoint>> series, Map<String, Color> colors) {
        boolean log = logAxisHelps(series);
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .xAxisTitle("training step (optimizer updates)")
                .yAxisTitle(log ? "noise-prediction MSE (log scale)" : "noise-prediction MSE")
                .build();
        var st = chart.getStyler();
        Charts.style(st);
        st.setXAxisTickMarkSpacingHint(90); // pixels between step labels: no overlapping numbers
        st.setYAxisLogarithmic(log);
        st.setXAxisMin(0.0); // steps count from zero; without this the ticks start at the first logged step
        int index = 0;
        for (Map.Entry<String, List<LossPoint>> e : series.entrySet()) {
            List<LossPoint> points = e.getValue();
            if (points.isEmpty()) {
                continue;
            }
            Color color = colors.getOrDefault(e.getKey(), Charts.armColor(index, false));
            index++;
            Band b = band(points);
            String name = b.seeds() > 1 ? e.getKey() + " (mean of " + b.seeds() + " seeds)" : e.getKey();
            XYSeries s = chart.addSeries(name, b.step(), b.mean());
            s.setMarker(b.step().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.8f));
            s.setLineColor(color);
            s.setMarkerColor(color);
            if (b.seeds() > 1) {
                Color light = Charts.lighter(color, 0.45);
                for (String edge : new String[] {"lowest", "highest"}) {
                    XYSeries t = chart.addSeries(e.getKey() + " " + edge + " seed", b.step(),
                            edge.equals("lowest") ? b.min() : b.max());
                    t.setMarker(SeriesMarkers.NONE);
                    t.setLineStyle(new BasicStroke(0.8f));
                    t.setLineColor(light);
                    t.setShowInLegend(false);
                }
            }
        }
        return chart;
    }
}
