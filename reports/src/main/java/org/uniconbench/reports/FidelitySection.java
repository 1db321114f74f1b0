package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.estimateCell;
import static org.uniconbench.reports.Html.intervalName;
import static org.uniconbench.reports.Html.num;
import static org.uniconbench.reports.Html.seedsCell;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The report's fidelity section: SSIM and edge F1 bars with interval whiskers, memory against SSIM (Pareto),
 * and a table of every fidelity figure with its interval.
 */
final class FidelitySection implements ReportSection {
    @Override
    public String title() {
        return "Fidelity and quality";
    }

    @Override
    public String html(ReportInput in) {
        return fidelity(in.summary(), in.figures(), in.colors());
    }

    private static String fidelity(RunSummary s, List<ArmFigures> figures, Map<String, Color> colors) {
        boolean showMask = figures.stream().anyMatch(a -> a.get(ArmFigures.MASK_IOU) != null);
        boolean showDepth = figures.stream().anyMatch(a -> a.get(ArmFigures.DEPTH_RMSE) != null);
        StringBuilder b = new StringBuilder();
        String bars = QualityCharts.fidelityChart(figures);
        if (bars.isEmpty()) {
            return "<p>" + NOT_MEASURED + " (no arm has SSIM or edge F1)</p>\n";
        }
        boolean whiskers = figures.stream().anyMatch(a -> QualityCharts.whisker(a.get(ArmFigures.SSIM)) > 0
                || QualityCharts.whisker(a.get(ArmFigures.EDGE_F1)) > 0);
        b.append("<div class=\"chart-box\">").append(bars).append("</div>\n");
        b.append("<p class=\"sub\">").append(Captions.get("fidelity.bars")).append(' ')
                .append(whiskers ? Captions.get("fidelity.whiskers", esc(intervalName(figures)))
                        : "One seed per arm: no intervals.")
                .append("</p>\n");
        String pareto = QualityCharts.paretoChart(figures, colors);
        b.append("<h3>Memory against fidelity</h3>\n");
        if (pareto.isEmpty()) {
            b.append("<p>").append(NOT_MEASURED).append(" (no trained arm has both peak memory and SSIM)</p>\n");
        } else {
            b.append("<div class=\"chart-box\">").append(pareto).append("</div>\n");
            b.append("<p class=\"sub\">").append(Captions.get("fidelity.pareto"))
                    .append(whiskers ? ", with its interval over seeds as a whisker" : "").append(".</p>\n");
        }
        List<String> headers = new ArrayList<>(List.of("Arm", "Seeds", "SSIM", "PSNR dB", "Edge F1",
                "FD-classifier", "KID-classifier", "FD-random"));
        if (showMask) {
            headers.add("Mask IoU");
        }
        if (showDepth) {
            headers.add("Depth RMSE");
        }
        b.append("<div class=\"scroll\"><table class=\"arms fidelity\">\n<thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        DoubleFunction<String> f3 = v -> Html.fixed(v, 3);
        for (ArmFigures a : figures) {
            b.append(a.failed() ? "<tr class=\"failed\">" : a.isBackbone() ? "<tr class=\"ref\">" : "<tr>");
            b.append("<td><b>").append(esc(a.name())).append("</b></td>");
            num(b, seedsCell(a));
            num(b, estimateCell(a.get(ArmFigures.SSIM), f3));
            num(b, estimateCell(a.get(ArmFigures.PSNR), v -> Html.fixed(v, 2)));
            num(b, estimateCell(a.get(ArmFigures.EDGE_F1), f3));
            num(b, estimateCell(a.get(ArmFigures.FD_CLASSIFIER), Html::sig));
            num(b, estimateCell(a.get(ArmFigures.KID_CLASSIFIER), Html::sig));
            num(b, estimateCell(a.get(ArmFigures.FD_RANDOM), Html::sig));
            if (showMask) {
                num(b, estimateCell(a.get(ArmFigures.MASK_IOU), f3));
            }
            if (showDepth) {
                num(b, estimateCell(a.get(ArmFigures.DEPTH_RMSE), v -> Html.fixed(v, 2)));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
        b.append("<p class=\"sub\">").append(Captions.get("fidelity.table", esc(intervalName(figures))))
                .append(s.realVsReal() != null && s.realVsReal().fdClassifier() != null
                        ? "; real vs real FD-classifier at the same N: " + Html.sig(s.realVsReal().fdClassifier())
                        : "")
                .append(".</p>\n");
        return b.toString();
    }
}
