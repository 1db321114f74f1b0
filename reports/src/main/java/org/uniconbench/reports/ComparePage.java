package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_APPLICABLE;
import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.estimateCell;
import static org.uniconbench.reports.Html.num;
import static org.uniconbench.reports.Html.orUnknown;
import static org.uniconbench.reports.Html.seedsCell;

import java.util.List;
import java.util.function.DoubleFunction;

/** The page that puts several runs side by side: one table of every arm of every run, then each run's claims. */
final class ComparePage {
    private static final double MIB = 1024.0 * 1024.0;

    private ComparePage() {
    }

    /** Renders the side-by-side page of several opened run folders. */
    static String render(List<RunFolder> runs) {
        StringBuilder b = new StringBuilder(64 * 1024);
        Page.head(b, "Comparison of " + runs.size() + (runs.size() == 1 ? " run" : " runs"));
        b.append("<h1>Comparison of ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
                .append("</h1>\n");
        b.append("<p class=\"sub\">UniCon Bench runs side by side: ");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("<code>").append(esc(runName(runs.get(i)))).append("</code>");
        }
        b.append("</p>\n");
        Page.section(b, "Arms of every run", () -> comparisonTable(runs));
        Page.section(b, "Cost against backbone size (measured and predicted)", () -> ScalingFigure.html(runs));
        for (RunFolder run : runs) {
            RunSummary s = run.summary();
            Page.section(b, "Claims: " + runName(run) + (s.experiment() == null ? "" : " (" + s.experiment() + ")"),
                    () -> ClaimsSection.render(s, true));
        }
        Page.end(b);
        return b.toString();
    }

    private static String runName(RunFolder run) {
        return run.dir().getFileName() == null ? run.dir().toString() : run.dir().getFileName().toString();
    }

    private static String comparisonTable(List<RunFolder> runs) {
        String[] headers = {"Run", "Experiment", "Arm", "Method", "Seeds", "Trainable params",
            "Step ms<br><small>median</small>", "Peak MiB", "SSIM", "PSNR dB", "Edge F1", "FD-classifier"};
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms compare\">\n<thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        DoubleFunction<String> f3 = v -> Html.fixed(v, 3);
        for (int r = 0; r < runs.size(); r++) {
            RunFolder run = runs.get(r);
            RunSummary s = run.summary();
            List<ArmFigures> figures = ArmFigures.of(s);
            if (figures.isEmpty()) {
                b.append("<tr class=\"run-start\"><td><b>").append(esc(runName(run))).append("</b></td><td>")
                        .append(esc(orUnknown(s.experiment()))).append("</td><td colspan=\"").append(headers.length - 2)
                        .append("\">").append(NOT_MEASURED).append(" (the run summary lists no arms)</td></tr>\n");
                continue;
            }
            for (int i = 0; i < figures.size(); i++) {
                ArmFigures a = figures.get(i);
                String cls = (i == 0 ? "run-start " : "") + (a.failed() ? "failed" : a.isBackbone() ? "ref" : "");
                b.append("<tr class=\"").append(cls.trim()).append("\">");
                b.append("<td>").append(i == 0 ? "<b>" + esc(runName(run)) + "</b>" : "").append("</td>");
                b.append("<td>").append(i == 0 ? esc(orUnknown(s.experiment())) : "").append("</td>");
                b.append("<td><b>").append(esc(a.name())).append("</b>")
                        .append(a.failed() ? " <small>failed</small>" : "")
                        .append("</td>");
                b.append("<td>").append(a.method() == null ? NOT_MEASURED : esc(a.method())).append("</td>");
                num(b, seedsCell(a));
                num(b, a.isBackbone() ? NOT_APPLICABLE
                        : estimateCell(a.get(ArmFigures.TRAINABLE), v -> Html.count(Math.round(v))));
                num(b, a.isBackbone() ? NOT_APPLICABLE
                        : estimateCell(a.get(ArmFigures.STEP_MS), v -> Html.fixed(v, 1)));
                num(b, a.isBackbone() ? NOT_APPLICABLE
                        : estimateCell(a.get(ArmFigures.PEAK), v -> Html.fixed(v / MIB, 1)));
                num(b, estimateCell(a.get(ArmFigures.SSIM), f3));
                num(b, estimateCell(a.get(ArmFigures.PSNR), v -> Html.fixed(v, 2)));
                num(b, estimateCell(a.get(ArmFigures.EDGE_F1), f3));
                num(b, estimateCell(a.get(ArmFigures.FD_CLASSIFIER), Html::sig));
                b.append("</tr>\n");
            }
        }
        b.append("</tbody>\n</table></div>\n");
        b.append("<p class=\"sub\">").append(Captions.get("compare.caption")).append("</p>\n");
        return b.toString();
    }
}
