package org.uniconbench.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * The cost charts: peak training memory per arm stacked by what holds it, and the median step
 * time stacked by phase. Both draw one bar per trained arm from {@link ArmFigures}.
 */
final class CostCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 340;
    private static final double MIB = 1024.0 * 1024.0;

    /** The five memory parts, bottom to top, with their legend names. */
    static final List<String> MEMORY_PARTS = List.of(
            "frozen weights", "trainable weights", "gradients", "optimiser state", "activations & other");
    /** The four step phases, bottom to top. */
    static final List<String> TIME_PARTS = List.of("data", "forward", "backward", "optimiser");

    private static final Color[] MEMORY_COLORS = {
        new Color(0x9E, 0x9E, 0x9E), Charts.PALETTE[0], Charts.PALETTE[5], Charts.PALETTE[4], Charts.PALETTE[1]
    };
    private static final Color[] TIME_COLORS = {
        new Color(0x9E, 0x9E, 0x9E), Charts.PALETTE[0], Charts.PALETTE[1], Charts.PALETTE[2]
    };

    private CostCharts() {
    }

    /**
     * One arm's memory in MiB, split into {@link #MEMORY_PARTS}. The harness's peak is the peak
     * resident set minus the resident set after building the model, so it already excludes both
     * sets of weights and includes gradients, optimiser state and activations; the weights come from
     * the exact byte counts.
     */
    record MemoryParts(String arm, double[] mib) {
        double total() {
            double t = 0;
            for (double v : mib) {
                t += v;
            }
            return t;
        }
    }

    /** Returns the memory parts of an arm, or {@code null} when the peak or any exact part is missing. */
    static MemoryParts memoryParts(ArmFigures a) {
        Double peak = a.value(ArmFigures.PEAK).orElse(null);
        Double frozen = a.value(ArmFigures.FROZEN_BYTES).orElse(null);
        Double trainable = a.value(ArmFigures.TRAINABLE_BYTES).orElse(null);
        Double gradients = a.value(ArmFigures.GRADIENT_BYTES).orElse(null);
        Double optimizer = a.value(ArmFigures.OPTIMIZER_BYTES).orElse(null);
        if (peak == null || frozen == null || trainable == null || gradients == null || optimizer == null) {
            return null;
        }
        double activations = Math.max(0, peak - gradients - optimizer);
        return new MemoryParts(a.name(), new double[] {
            frozen / MIB, trainable / MIB, gradients / MIB, optimizer / MIB, activations / MIB});
    }

    /** Returns one arm's median step phases in ms, or {@code null} when any is missing. */
    static double[] timeParts(ArmFigures a) {
        String[] metrics = {ArmFigures.DATA_MS, ArmFigures.FORWARD_MS, ArmFigures.BACKWARD_MS, ArmFigures.OPTIMIZER_MS};
        double[] out = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            Double v = a.value(metrics[i]).orElse(null);
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    /** The stacked memory chart of these arms (each with all parts known); empty list: no chart. */
    static String memoryChart(List<MemoryParts> arms) {
        List<String> names = arms.stream().map(MemoryParts::arm).toList();
        List<double[]> values = arms.stream().map(MemoryParts::mib).toList();
        return stacked(names, values, MEMORY_PARTS, MEMORY_COLORS, "memory during training (MiB)",
                "peak training memory per arm, stacked: " + String.join(", ", MEMORY_PARTS) + "; arms "
                        + String.join(", ", names));
    }

    /** The stacked step-time chart; {@code parts} holds one {@link #timeParts} array per arm name. */
    static String timeChart(List<String> names, List<double[]> parts) {
        return stacked(names, parts, TIME_PARTS, TIME_COLORS, "median time per step (ms)",
                "median step time per arm, stacked: " + String.join(", ", TIME_PARTS) + "; arms "
                        + String.join(", ", names));
    }

    private static String stacked(List<String> categories, List<double[]> values, List<String> parts,
            Color[] colors, String yTitle, String label) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .xAxisTitle("arm").yAxisTitle(yTitle).build();
        var st = chart.getStyler();
        Charts.style(st);
        st.setStacked(true);
        st.setAvailableSpaceFill(0.55);
        st.setYAxisMin(0.0);
        st.setXAxisLabelRotation(rotation(categories));
        for (int p = 0; p < parts.size(); p++) {
            List<Double> ys = new ArrayList<>();
            for (double[] v : values) {
                ys.add(v[p]);
            }
            CategorySeries s = chart.addSeries(parts.get(p), categories, ys);
            s.setFillColor(colors[p]);
            s.setLineColor(colors[p]);
        }
        return Charts.html(chart, label);
    }

    /** Tilts arm names when there are many or they are long, so they do not overlap. */
    static int rotation(List<String> categories) {
        int chars = categories.stream().mapToInt(String::length).sum() + 4 * categories.size();
        return chars > 70 ? 30 : 0;
    }
}
