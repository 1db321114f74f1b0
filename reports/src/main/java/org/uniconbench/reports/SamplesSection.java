package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** The report's grid of sample images, embedded as data URIs (one row per sample, one column per image kind). */
final class SamplesSection implements ReportSection {
    /** At most this many sample rows are embedded, to keep the page small. */
    static final int MAX_SAMPLE_ROWS = 64;
    /** Sample images larger than this are not embedded: samples are meant to be thumbnails. */
    static final long MAX_SAMPLE_BYTES = 1 << 20;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Override
    public String title() {
        return "Samples";
    }

    @Override
    public String html(ReportInput in) {
        return samples(in.run());
    }

    private static String samples(RunFolder run) {
        Optional<SampleIndex> maybe = run.sampleIndex();
        if (maybe.isEmpty()) {
            return "<p>" + NOT_MEASURED + " (no samples/" + RunFolder.SAMPLE_INDEX + " in the run folder)</p>\n";
        }
        SampleIndex idx = maybe.get();
        if (idx.count() == 0 || idx.columns().isEmpty()) {
            return "<p>" + NOT_MEASURED + " (samples/index.json lists no samples)</p>\n";
        }
        int rows = Math.min(idx.count(), MAX_SAMPLE_ROWS);
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"samples\">\n<thead><tr><th>#</th>");
        for (String c : idx.columns()) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows; i++) {
            b.append("<tr><th>").append(i).append("</th>");
            for (String c : idx.columns()) {
                b.append("<td>").append(sampleCell(run, c, i)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
        if (rows < idx.count()) {
            b.append("<p class=\"sub\">Showing the first ").append(rows).append(" of ").append(idx.count())
                    .append(" samples; the rest are in samples/COLUMN/ in the run folder.</p>\n");
        }
        return b.toString();
    }

    private static String sampleCell(RunFolder run, String column, int i) {
        Path file = run.samplePath(column, i);
        if (!Files.isRegularFile(file)) {
            return "<span class=\"nm\">missing</span>";
        }
        try {
            if (Files.size(file) > MAX_SAMPLE_BYTES) {
                return "<span class=\"nm\">too large to embed</span>";
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < PNG_SIGNATURE.length
                    || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
                return "<span class=\"error\">not a PNG</span>";
            }
            return "<img alt=\"" + esc(column) + " sample " + i + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(bytes) + "\">";
        } catch (IOException e) {
            return "<span class=\"error\">unreadable</span>";
        }
    }
}
