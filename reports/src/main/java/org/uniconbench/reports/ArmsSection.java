package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_APPLICABLE;
import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.num;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's per-arm table: one row per arm and seed as the run summary lists them (adapter, steps, step time,
 * peak memory with a footnote per measuring method, loss and fidelity), and the error of every failed arm.
 */
final class ArmsSection implements ReportSection {
    @Override
    public String title() {
        return "Arms";
    }

    @Override
    public String html(ReportInput in) {
        return arms(in.summary());
    }

    private static String arms(RunSummary s) {
        if (s.arms().isEmpty()) {
            return "<p>" + NOT_MEASURED + " (the run summary lists no arms)</p>\n";
        }
        // Footnotes: one per distinct memory-measurement method, numbered in order of appearance.
        List<String> methods = new ArrayList<>();
        for (ArmResult a : s.arms()) {
            if (a.memoryMethod() != null && !a.memoryMethod().isBlank() && !methods.contains(a.memoryMethod())) {
                methods.add(a.memoryMethod());
            }
        }
        // mask IoU and depth RMSE apply to the mask and depth conditions only: shown when measured
        boolean showMask = s.arms().stream().anyMatch(a -> a.maskIou() != null);
        boolean showDepth = s.arms().stream().anyMatch(a -> a.depthRmse() != null);
        List<String> headerList = new ArrayList<>(List.of(
                "Arm", "Status", "Adapter<br><small>width × depth, connector, scope, flow</small>", "Trainable params",
                "Frozen params", "Steps × batch<br><small>train time, learning rate</small>",
                "Step ms<br><small>median (p10–p90)</small>",
                "Images/s", "Peak memory MiB", "Final loss", "SSIM", "PSNR dB", "Edge F1"));
        if (showMask) {
            headerList.add("Mask IoU<br><small>foreground &gt; 0.57</small>");
        }
        if (showDepth) {
            headerList.add("Depth RMSE<br><small>0–255, oracle depth</small>");
        }
        String[] headers = headerList.toArray(new String[0]);
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms\">\n<thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (ArmResult a : s.arms()) {
            boolean ref = a.isBackbone();
            String na = ref ? NOT_APPLICABLE : NOT_MEASURED;
            b.append(a.failed() ? "<tr class=\"failed\">" : ref ? "<tr class=\"ref\">" : "<tr>");
            b.append("<td><b>").append(esc(a.name())).append("</b><br><small>")
                    .append(a.method() == null ? "method not recorded" : esc(a.method()))
                    .append(a.seed() == null ? "" : " · seed " + a.seed())
                    .append(ref ? " · reference" : "").append("</small></td>");
            b.append("<td class=\"st\">").append(a.status() == null ? NOT_MEASURED : esc(a.status())).append("</td>");
            b.append("<td>").append(adapter(a, na)).append("</td>");
            num(b, a.trainableParams() == null ? na : Html.count(a.trainableParams()));
            num(b, a.frozenParams() == null ? NOT_MEASURED : Html.count(a.frozenParams()));
            num(b, stepsCell(a, na));
            num(b, stepMsCell(a));
            num(b, a.imagesPerSecond() == null ? NOT_MEASURED : Html.fixed(a.imagesPerSecond(), 1));
            num(b, memoryCell(a, methods));
            num(b, a.finalLoss() == null ? na : Html.sig(a.finalLoss()));
            num(b, a.ssim() == null ? NOT_MEASURED : Html.fixed(a.ssim(), 3));
            num(b, a.psnr() == null ? NOT_MEASURED : Html.fixed(a.psnr(), 2));
            num(b, a.edgeF1() == null ? NOT_MEASURED : Html.fixed(a.edgeF1(), 3));
            if (showMask) {
                num(b, a.maskIou() == null ? NOT_MEASURED : Html.fixed(a.maskIou(), 3));
            }
            if (showDepth) {
                num(b, a.depthRmse() == null ? NOT_MEASURED : Html.fixed(a.depthRmse(), 2));
            }
            b.append("</tr>\n");
            if (a.failed()) {
                b.append("<tr class=\"failed err\"><td colspan=\"").append(headers.length).append("\">")
                        .append("<b>").append(esc(a.name())).append(" failed:</b> ")
                        .append(a.error() == null || a.error().isBlank()
                                ? "no error message recorded"
                                : "<pre>" + esc(a.error()) + "</pre>")
                        .append("</td></tr>\n");
            }
        }
        b.append("</tbody>\n</table></div>\n");
        if (!methods.isEmpty()) {
            b.append("<ol class=\"notes\">\n");
            for (int i = 0; i < methods.size(); i++) {
                b.append("<li id=\"mem-").append(i + 1).append("\">Peak memory: ").append(esc(methods.get(i)))
                        .append("</li>\n");
            }
            b.append("</ol>\n");
        }
        return b.toString();
    }

    private static String adapter(ArmResult a, String na) {
        if (a.width() == null && a.depth() == null && a.connector() == null) {
            return na;
        }
        String w = a.width() == null ? "?" : Html.sig(a.width());
        String d = a.depth() == null ? "?" : String.valueOf(a.depth());
        return w + " × " + d + (a.connector() == null ? "" : ", " + esc(a.connector()));
    }

    private static String stepsCell(ArmResult a, String na) {
        if (a.steps() == null && a.batchSize() == null && a.trainSeconds() == null) {
            return na;
        }
        String steps = a.steps() == null ? "?" : Html.count(a.steps());
        String batch = a.batchSize() == null ? "?" : Html.count(a.batchSize());
        String time = a.trainSeconds() == null ? "" : "<br><small>" + Html.fixed(a.trainSeconds(), 1) + " s</small>";
        String rate = a.tuning().describe(a.seed());
        return steps + " × " + batch + time + (rate == null ? "" : "<br><small>" + esc(rate) + "</small>");
    }

    private static String stepMsCell(ArmResult a) {
        if (a.medianStepMs() == null) {
            return NOT_MEASURED;
        }
        String range = a.p10StepMs() == null || a.p90StepMs() == null
                ? ""
                : " <small>(" + Html.fixed(a.p10StepMs(), 1) + "–" + Html.fixed(a.p90StepMs(), 1) + ")</small>";
        return Html.fixed(a.medianStepMs(), 1) + range;
    }

    private static String memoryCell(ArmResult a, List<String> methods) {
        if (a.peakMemoryBytes() == null) {
            return NOT_MEASURED;
        }
        int note = a.memoryMethod() == null ? -1 : methods.indexOf(a.memoryMethod());
        return Html.mib(a.peakMemoryBytes())
                + (note < 0 ? "" : "<sup><a href=\"#mem-" + (note + 1) + "\">" + (note + 1) + "</a></sup>");
    }
}
