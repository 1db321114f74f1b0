package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.estimateCell;
import static org.uniconbench.reports.Html.intervalName;
import static org.uniconbench.reports.Html.num;
import static org.uniconbench.reports.Html.seedsCell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The report's cost section: per trained arm, the figures over seeds (parameters, step time by phase,
 * throughput, peak memory and its parts), then peak memory stacked by what holds it and step time stacked by
 * phase.
 */
final class CostSection implements ReportSection {
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public String title() {
        return "Cost";
    }

    @Override
    public String html(ReportInput in) {
        return cost(in.figures());
    }

    private static String cost(List<ArmFigures> figures) {
        List<ArmFigures> trained = figures.stream().filter(a -> !a.isBackbone()).toList();
        if (trained.isEmpty()) {
            return "<p>" + NOT_MEASURED + " (no trained arm in the run summary)</p>\n";
        }
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms cost\">\n<thead><tr>")
                .append("<th>Arm</th><th>Seeds</th><th>Trainable params</th><th>Step ms<br><small>median</small></th>")
                .append("<th>Data ms</th><th>Forward ms</th><th>Backward ms</th><th>Optimiser ms</th><th>Images/s</th>")
                .append("<th>Peak MiB<br><small>measured</small></th>")
                .append("<th>Memory parts MiB<br><small>frozen weights / trainable weights / gradients / optimiser state / "
                        + "activations &amp; other</small></th></tr></thead>\n<tbody>\n");
        List<CostCharts.MemoryParts> memory = new ArrayList<>();
        List<String> noMemory = new ArrayList<>();
        List<String> timeNames = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        List<String> noTime = new ArrayList<>();
        DoubleFunction<String> ms = v -> Html.fixed(v, 1);
        DoubleFunction<String> mib = v -> Html.fixed(v / MIB, 1);
        for (ArmFigures a : trained) {
            CostCharts.MemoryParts parts = CostCharts.memoryParts(a);
            if (parts == null) {
                noMemory.add(a.name());
            } else {
                memory.add(parts);
            }
            double[] t = CostCharts.timeParts(a);
            if (t == null) {
                noTime.add(a.name());
            } else {
                timeNames.add(a.name());
                times.add(t);
            }
            b.append(a.failed() ? "<tr class=\"failed\">" : "<tr>");
            b.append("<td><b>").append(esc(a.name())).append("</b><br><small>")
                    .append(a.method() == null ? "method not recorded" : esc(a.method())).append("</small></td>");
            num(b, seedsCell(a));
            num(b, estimateCell(a.get(ArmFigures.TRAINABLE), v -> Html.count(Math.round(v))));
            num(b, estimateCell(a.get(ArmFigures.STEP_MS), ms));
            num(b, estimateCell(a.get(ArmFigures.DATA_MS), ms));
            num(b, estimateCell(a.get(ArmFigures.FORWARD_MS), ms));
            num(b, estimateCell(a.get(ArmFigures.BACKWARD_MS), ms));
            num(b, estimateCell(a.get(ArmFigures.OPTIMIZER_MS), ms));
            num(b, estimateCell(a.get(ArmFigures.IMAGES_PER_S), v -> Html.fixed(v, 1)));
            num(b, estimateCell(a.get(ArmFigures.PEAK), mib));
            num(b, parts == null ? NOT_MEASURED : partsCell(parts.mib()));
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
        b.append("<p class=\"sub\">").append(Captions.get("cost.table", esc(intervalName(figures)))).append("</p>\n");

        b.append("<h3>Peak memory, by what holds it</h3>\n");
        if (memory.isEmpty()) {
            b.append("<p>").append(NOT_MEASURED).append(" (").append(Captions.get("cost.memory.none"))
                    .append(")</p>\n");
        } else {
            b.append("<div class=\"chart-box\">").append(CostCharts.memoryChart(memory)).append("</div>\n");
            b.append("<p class=\"sub\">").append(Captions.get("cost.memory"));
            if (!noMemory.isEmpty()) {
                b.append(" Not measured for: ").append(esc(String.join(", ", noMemory))).append('.');
            }
            b.append("</p>\n");
        }
        b.append("<h3>Step time, by phase</h3>\n");
        if (times.isEmpty()) {
            b.append("<p>").append(NOT_MEASURED).append(" (").append(Captions.get("cost.time.none")).append(")</p>\n");
        } else {
            b.append("<div class=\"chart-box\">").append(CostCharts.timeChart(timeNames, times)).append("</div>\n");
            b.append("<p class=\"sub\">").append(Captions.get("cost.time"));
            if (!noTime.isEmpty()) {
                b.append(" Not measured for: ").append(esc(String.join(", ", noTime))).append('.');
            }
            b.append("</p>\n");
        }
        return b.toString();
    }

    /** The five memory parts in MiB, separated by slashes, in the order of the header. */
    private static String partsCell(double[] mib) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mib.length; i++) {
            b.append(i == 0 ? "" : " / ").append(Html.fixed(mib[i], mib[i] < 10 ? 2 : 1));
        }
        return b.toString();
    }
}
