package org.uniconbench.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training loss against step, one line per arm, rendered with XChart as inline SVG (or a PNG
 * data URI when VectorGraphics2D is not on the classpath).
 */
final class LossChart {
  static final int WIDTH = 900;
  static final int HEIGHT = 380;
  /** Use a log y axis when the loss spans at least this factor, so late training stays visible. */
  private static final double LOG_AXIS_MIN_RATIO = 10.0;

  /** A number with more than two decimals; group 1 is the number cut to two. */
  private static final Pattern LONG_DECIMAL = Pattern.compile("(-?\\d+\\.\\d{2})\\d+");

  static {
    // Reports are written on servers without a display; AWT reads this once, at first use.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private LossChart() {}

  /**
   * Returns an HTML fragment (an {@code <svg>} element or an {@code <img>} with a data URI)
   * showing every non-empty series; {@code series} maps arm name to its loss points, in order.
   */
  static String html(Map<String, List<LossPoint>> series) {
    return html(series, vectorGraphicsAvailable());
  }

  /** As {@link #html(Map)}; {@code vector} false forces the PNG fallback (for tests). */
  static String html(Map<String, List<LossPoint>> series, boolean vector) {
    XYChart chart = build(series);
    String label = Html.esc("training loss against step for " + String.join(", ", series.keySet()));
    if (vector) {
      try {
        return svg(chart, label);
      } catch (IOException | RuntimeException | LinkageError e) {
        // fall back to a bitmap below
      }
    }
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "<img class=\"chart\" alt=\"" + label + "\" src=\"data:image/png;base64,"
          + Base64.getEncoder().encodeToString(png) + "\">";
    } catch (IOException e) {
      throw new ReportException("could not render the loss chart: " + e.getMessage(), e);
    }
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

  private static XYChart build(Map<String, List<LossPoint>> series) {
    boolean log = logAxisHelps(series);
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .xAxisTitle("training step (optimizer updates)")
            .yAxisTitle(log ? "noise-prediction MSE (log scale)" : "noise-prediction MSE")
            .build();
    var st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setXAxisTickMarkSpacingHint(90); // pixels between step labels: no overlapping numbers
    st.setYAxisLogarithmic(log);
    st.setXAxisMin(0.0); // steps count from zero; without this the ticks start at the first logged step
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
    st.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
    st.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
    st.setChartPadding(8);
    st.setAntiAlias(true);
    for (Map.Entry<String, List<LossPoint>> e : series.entrySet()) {
      List<LossPoint> points = e.getValue();
      if (points.isEmpty()) {
        continue;
      }
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = points.get(i).step();
        y[i] = points.get(i).loss();
      }
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      s.setMarker(points.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      s.setLineStyle(new BasicStroke(1.6f));
    }
    return chart;
  }

  /**
   * Encodes the chart as an inline {@code <svg>} element. XChart draws text as glyph outlines, so
   * the SVG needs no fonts and contains no strings from the run folder; {@code label} (escaped)
   * carries the arm names for screen readers and tests.
   */
  private static String svg(XYChart chart, String label) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    String svg = out.toString(StandardCharsets.UTF_8);
    // Inline <svg> in HTML takes no XML declaration or DOCTYPE (whose DTD URL would be a link).
    int start = svg.indexOf("<svg");
    if (start < 0) {
      throw new IOException("XChart produced no <svg> element");
    }
    // Glyph outlines come with up to 9 decimals; 2 are invisible at this size and halve the file.
    Matcher m = LONG_DECIMAL.matcher(svg.substring(start));
    StringBuilder b = new StringBuilder(svg.length() / 2);
    while (m.find()) {
      m.appendReplacement(b, m.group(1));
    }
    m.appendTail(b);
    return "<svg class=\"chart\" role=\"img\" aria-label=\"" + label + "\"" + b.substring(4);
  }

  private static boolean vectorGraphicsAvailable() {
    try {
      Class.forName("de.erichseifert.vectorgraphics2d.VectorGraphics2D", false, LossChart.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
