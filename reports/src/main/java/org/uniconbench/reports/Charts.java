package org.uniconbench.reports;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * What every chart of the report shares: the house style (white plot, light grid, legend outside
 * the plot), a colour-blind-safe palette and the encoding as inline SVG, or as a PNG data URI when
 * VectorGraphics2D is not on the classpath.
 */
final class Charts {
    /** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), black last. */
    static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0xF0, 0xE4, 0x42), new Color(0x33, 0x33, 0x33)
    };
    /** The uncontrolled backbone reference is always grey. */
    static final Color BACKBONE = new Color(0x99, 0x99, 0x99);

    /** A number with more than two decimals; group 1 is the number cut to two. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("(-?\\d+\\.\\d{2})\\d+");

    static {
        // Reports are written on servers without a display; AWT reads this once, at first use.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** Applies the house style: white background, light grid, legend outside on the right. */
    static void style(AxesChartStyler st) {
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        st.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        st.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        st.setChartPadding(8);
        st.setAntiAlias(true);
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAnnotationTextFontColor(new Color(0x1F, 0x23, 0x28));
    }

    /** Returns the colour of the {@code index}-th arm (the backbone reference is grey). */
    static Color armColor(int index, boolean backbone) {
        return backbone ? BACKBONE : PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** Returns {@code c} mixed with white: {@code amount} 0 is {@code c}, 1 is white. */
    static Color lighter(Color c, double amount) {
        return new Color(
                (int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
    }

    /** Renders {@code chart} as inline SVG when VectorGraphics2D is available, else as a PNG. */
    static String html(Chart<?, ?> chart, String label) {
        return html(chart, label, vectorGraphicsAvailable());
    }

    /**
     * Renders {@code chart} as an HTML fragment; {@code vector} false forces the PNG fallback.
     * {@code label} (plain text, escaped here) names what the chart shows, for screen readers and
     * tests: XChart draws text as glyph outlines, so the SVG itself contains no searchable text.
     */
    static String html(Chart<?, ?> chart, String label, boolean vector) {
        String alt = Html.esc(label);
        if (vector) {
            try {
                return svg(chart, alt);
            } catch (IOException | RuntimeException | LinkageError e) {
                // fall back to a bitmap below
            }
        }
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img class=\"chart\" alt=\"" + alt + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\">";
        } catch (IOException e) {
            throw new ReportException("could not render the chart \"" + label + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Encodes the chart as an inline {@code <svg>} element. XChart draws text as glyph outlines, so
     * the SVG needs no fonts and contains no strings from the run folder.
     */
    private static String svg(Chart<?, ?> chart, String escapedLabel) throws IOException {
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
        return "<svg class=\"chart\" role=\"img\" aria-label=\"" + escapedLabel + "\"" + b.substring(4);
    }

    static boolean vectorGraphicsAvailable() {
        try {
            Class.forName("de.erichseifert.vectorgraphics2d.VectorGraphics2D", false, Charts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
