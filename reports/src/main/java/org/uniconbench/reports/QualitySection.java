package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.num;

/**
 * The report's feature-space proxies: Frechet distance and KID per arm, with N and the real-vs-real floor.
 */
final class QualitySection implements ReportSection {
    @Override
    public String title() {
        return "Quality (feature-space proxies, not FID)";
    }

    @Override
    public String html(ReportInput in) {
        return quality(in.summary());
    }

    /**
     * Frechet distance and KID per arm, with N and the real-vs-real floor: the proxies of two
     * disjoint real sets of the same size, what a perfect generator would score at this N.
     */
    private static String quality(RunSummary s) {
        boolean any = s.realVsReal() != null || s.arms().stream().anyMatch(a -> a.features().measured());
        if (!any) {
            return "<p>" + NOT_MEASURED + " (the run summary has no feature-space proxies)</p>\n";
        }
        String[] headers = {
            "Arm", "N<br><small>images per set</small>", "FD-classifier", "KID-classifier<br><small>mean ± std</small>",
            "FD-random", "KID-random<br><small>mean ± std</small>"
        };
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms quality\">\n<thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (ArmResult a : s.arms()) {
            b.append(a.failed() ? "<tr class=\"failed\">" : a.isBackbone() ? "<tr class=\"ref\">" : "<tr>");
            b.append("<td><b>").append(esc(a.name())).append("</b>")
                    .append(a.seed() == null ? "" : "<br><small>seed " + a.seed() + "</small>").append("</td>");
            proxyCells(b, a.features());
            b.append("</tr>\n");
        }
        if (s.realVsReal() != null) {
            b.append(
                    "<tr class=\"ref floor\"><td><b>real vs real</b><br><small>two disjoint real sets: the floor</small></td>");
            proxyCells(b, s.realVsReal());
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
        b.append("<p class=\"sub\">").append(Captions.get("quality.caption")).append("</p>\n");
        return b.toString();
    }

    private static void proxyCells(StringBuilder b, FeatureProxies f) {
        num(b, f.featureN() == null ? NOT_MEASURED : Html.count(f.featureN()));
        num(b, f.fdClassifier() == null ? NOT_MEASURED : Html.sig(f.fdClassifier()));
        num(b, kidCell(f.kidClassifier(), f.kidClassifierStd()));
        num(b, f.fdRandom() == null ? NOT_MEASURED : Html.sig(f.fdRandom()));
        num(b, kidCell(f.kidRandom(), f.kidRandomStd()));
    }

    private static String kidCell(Double mean, Double std) {
        if (mean == null) {
            return NOT_MEASURED;
        }
        return Html.sig(mean) + (std == null ? "" : " <small>± " + Html.sig(std) + "</small>");
    }
}
