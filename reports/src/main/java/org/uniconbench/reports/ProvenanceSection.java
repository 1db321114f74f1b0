package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report's provenance table: every field of provenance.json, and the run's duration. */
final class ProvenanceSection implements ReportSection {
    @Override
    public String title() {
        return "Provenance";
    }

    @Override
    public String html(ReportInput in) {
        return provenance(in.run());
    }

    private static String provenance(RunFolder run) {
        Map<String, String> p = new LinkedHashMap<>(run.provenance());
        if (p.isEmpty()) {
            return "<p>" + NOT_MEASURED + " (no " + RunFolder.PROVENANCE + " in the run folder)</p>\n";
        }
        duration(p.get("startedAt"), p.get("finishedAt")).ifPresent(d -> p.put("duration", d));
        StringBuilder b = new StringBuilder("<table class=\"kv\">\n");
        for (Map.Entry<String, String> e : p.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
                    .append(e.getValue() == null ? NOT_MEASURED : "<code>" + esc(e.getValue()) + "</code>")
                    .append("</td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static Optional<String> duration(String start, String end) {
        if (start == null || end == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
            if (d.isNegative()) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
