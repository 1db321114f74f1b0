package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;
import static org.uniconbench.reports.Html.orUnknown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's claims section: the paper's claims beside this run's measurement, one row per claim
 * and reading of "the same adapter size", with the verdict badge, its reason and rule, the ratio
 * with its interval named (method, level, n; "range of n seeds" below a t interval), and the
 * backbone's quality gate; then every ratio of the summary's comparisons. A claim without a reading,
 * reason or named interval renders with what it has. The compare page shows each run's claims through
 * {@link #render}.
 */
final class ClaimsSection implements ReportSection {

    private static final List<String> METRIC_ORDER = Metric.keys(Metric.ratios());

    @Override
    public String title() {
        return "Claims";
    }

    @Override
    public String html(ReportInput in) {
        return render(in.summary(), true);
    }

    /** The section's HTML; with {@code ratios}, the table of every comparison follows the claims. */
    static String render(RunSummary s, boolean ratios) {
        StringBuilder b = new StringBuilder();
        if (s.qualityGate() != null) {
            QualityGate g = s.qualityGate();
            b.append("<p class=\"gate\">Backbone quality gate: <b>").append(esc(g.state())).append("</b>")
                    .append(g.reason() == null ? "" : ": " + esc(g.reason().replaceFirst("^" + g.state() + ": ", "")))
                    .append(". Without a passed gate no claim is tested.</p>\n");
        }
        if (s.claims().isEmpty()) {
            b.append("<p class=\"no-claims\">").append(Captions.get("claims.none")).append("</p>\n");
        } else {
            b.append(
                    "<div class=\"scroll\"><table class=\"claims\">\n<thead><tr><th>Claim</th><th>Reading</th><th>Paper</th>")
                    .append("<th>This run<br><small>ratio arm / reference, interval named</small></th>")
                    .append("<th>Verdict</th></tr></thead>\n<tbody>\n");
            for (Claim c : s.claims()) {
                Claim.Verdict v = c.verdictKind();
                b.append("<tr><td>")
                        .append(c.claim() == null ? "<span class=\"nm\">claim not recorded</span>" : esc(c.claim()))
                        .append("<br><small>").append(esc(orUnknown(c.arm()))).append(" vs ")
                        .append(esc(orUnknown(c.reference())))
                        .append(c.metric() == null ? "" : " · " + esc(metricLabel(c.metric()))).append("</small></td>");
                b.append("<td>").append(c.reading() == null ? "<span class=\"nm\">none recorded</span>"
                        : "<b>" + esc(c.reading()) + "</b>" + (c.readingText() == null ? ""
                                : "<br><small>" + esc(c.readingText()) + "</small>"))
                        .append("</td>");
                b.append("<td>").append(c.paper() == null ? NOT_MEASURED : esc(c.paper())).append("</td>");
                b.append("<td class=\"num\">").append(ratioCell(c.estimate())).append("</td>");
                b.append("<td><span class=\"verdict ").append(v.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .append("\">").append(v.label()).append("</span>");
                if (c.verdict() != null && v == Claim.Verdict.INCONCLUSIVE
                        && !c.verdict().trim().equalsIgnoreCase("inconclusive")) {
                    b.append(" <small>(recorded as \"").append(esc(c.verdict())).append("\")</small>");
                }
                if (c.reason() != null && !c.reason().isBlank()) {
                    b.append("<div class=\"reason\">").append(esc(c.reason())).append("</div>");
                }
                b.append("<div class=\"rule\">").append(c.rule() == null ? "rule not recorded" : esc(c.rule()))
                        .append("</div>");
                if (c.note() != null && !c.note().isBlank()) { // how it was measured, what the interval leaves out
                    b.append("<div class=\"note\">").append(esc(c.note())).append("</div>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</tbody>\n</table></div>\n");
            b.append("<p class=\"sub\">").append(Captions.get("claims.caption")).append("</p>\n");
        }
        if (ratios && !s.comparisons().isEmpty()) {
            b.append(comparisons(s.comparisons()));
        }
        return b.toString();
    }

    /** Every ratio of every comparison, one row per (arm, reference). */
    private static String comparisons(List<Comparison> comparisons) {
        List<String> metrics = new ArrayList<>();
        for (Comparison c : comparisons) {
            for (String m : c.ratios().keySet()) {
                if (!metrics.contains(m)) {
                    metrics.add(m);
                }
            }
        }
        metrics.sort(Comparator.comparingInt(ClaimsSection::metricOrder).thenComparing(m -> m));
        StringBuilder b = new StringBuilder("<details class=\"ratios\"><summary>All ratios to the reference arm (")
                .append(comparisons.size()).append(comparisons.size() == 1 ? " comparison" : " comparisons")
                .append(")</summary>\n<div class=\"scroll\"><table class=\"arms\">\n<thead><tr><th>Arm / reference</th><th>Seeds</th>");
        for (String m : metrics) {
            b.append("<th>").append(esc(metricLabel(m))).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Comparison c : comparisons) {
            b.append("<tr><td><b>").append(esc(orUnknown(c.arm()))).append("</b> / ")
                    .append(esc(orUnknown(c.reference())))
                    .append("</td>");
            b.append("<td class=\"num\">").append(c.n() == null ? NOT_MEASURED : String.valueOf(c.n())).append("</td>");
            for (String m : metrics) {
                b.append("<td class=\"num\">").append(ratioCell(c.ratios().get(m))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table></div>\n<p class=\"sub\">").append(Captions.get("claims.ratios"))
                .append("</p>\n</details>\n").toString();
    }

    private static String ratioCell(Estimate e) {
        if (e == null || !e.measured()) {
            return NOT_MEASURED;
        }
        StringBuilder b = new StringBuilder(Html.fixed(e.value(), 2)).append("×");
        if (e.low() != null && e.high() != null && Double.isFinite(e.low()) && Double.isFinite(e.high())) {
            b.append(" <small>[").append(Html.fixed(e.low(), 2)).append("–").append(Html.fixed(e.high(), 2))
                    .append("]</small>");
        }
        if (e.method() == null || e.n() == null || e.n() <= 1) { // the named interval says n itself
            b.append("<br><small>").append(e.n() == null ? "seeds not recorded" : "n = " + e.n()).append("</small>");
        }
        if (e.n() != null && e.n() > 1) {
            b.append("<br><small class=\"method\">").append(esc(e.describe())).append("</small>");
        }
        return b.toString();
    }

    private static int metricOrder(String m) {
        int i = METRIC_ORDER.indexOf(m);
        return i < 0 ? METRIC_ORDER.size() : i;
    }

    private static String metricLabel(String m) {
        return Metric.byKey(m).map(x -> x.ratioLabel() != null ? x.ratioLabel() : x.label()).orElse(m);
    }
}
