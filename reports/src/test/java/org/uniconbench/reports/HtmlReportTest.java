package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    private String report() throws IOException {
        Path html = HtmlReport.write(FakeRun.write(dir));
        return Files.readString(html, StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void writesReportHtmlInsideTheRunFolder() throws IOException {
        Path html = HtmlReport.write(FakeRun.write(dir));
        assertEquals(dir.toAbsolutePath().normalize().resolve("report.html"), html);
        assertTrue(Files.isRegularFile(html));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "temporary file must be moved into place");
        }
    }

    @Test
    void titleNamesExperimentAndStatus() throws IOException {
        String html = report();
        assertTrue(html.contains("<title>quickstart (partial)"), html.substring(0, 400));
        assertTrue(html.contains("<h1>quickstart <span class=\"status warn\">partial</span></h1>"));
    }

    @Test
    void showsEveryArmNameAndMethod() throws IOException {
        String html = report();
        for (String arm : new String[] {"backbone", "controlnet", "unicon", "unicon-wide"}) {
            assertTrue(html.contains("<b>" + arm + "</b>"), arm);
        }
        assertTrue(html.contains("none · seed 0 · reference"));
        assertTrue(html.contains("unicon · seed 1"));
    }

    @Test
    void formatsArmNumbersForReading() throws IOException {
        String html = report();
        assertTrue(html.contains(">1,234,567<"), "trainable params with thousands separators");
        assertTrue(html.contains(">456,789<"), "frozen params with thousands separators");
        assertTrue(html.contains("1 × 1, zero-conv"), "adapter width × depth, connector");
        assertTrue(html.contains("0.5 × 2, one-way"));
        assertTrue(html.contains("400 × 16<br><small>61.2 s</small><br><small>lr 0.0001</small>"),
                "steps × batch, train time, a learning rate that was not searched");
        assertTrue(html.contains("<small>lr 0.001 (searched once, tuning seed 1000)</small>"),
                "a rate from one search per arm names the tuning seed");
        assertTrue(html.contains("120.5 <small>(110.0–140.0)</small>"), "median step ms with p10–p90");
        assertTrue(html.contains(">130.2<"), "images per second");
        assertTrue(html.contains(">117.7<sup><a href=\"#mem-1\">1</a></sup>"), "peak MiB with footnote");
        assertTrue(html.contains(">64.0<sup>"), "64 MiB");
        assertTrue(html.contains(">0.05<"), "final loss, four significant digits, no trailing zeros");
        assertTrue(html.contains(">0.01235<"));
        assertTrue(html.contains(">0.612<") && html.contains(">0.655<"), "SSIM with 3 decimals");
        assertTrue(html.contains(">17.20<") && html.contains(">18.04<"), "PSNR dB with 2 decimals");
        assertTrue(html.contains(">0.420<") && html.contains(">0.510<"), "edge F1 with 3 decimals");
    }

    /** The proxies table: named as proxies, N beside every row, KID as mean ± std, and the real-vs-real floor. */
    @Test
    void qualityTableShowsFeatureProxiesWithNAndTheRealVsRealFloor() throws IOException {
        String html = report();
        assertTrue(html.contains("<h2>Quality (feature-space proxies, not FID)</h2>"));
        int start = html.indexOf("<table class=\"arms quality\">");
        assertTrue(start > 0, "no quality table");
        String table = html.substring(start, html.indexOf("</table>", start));
        assertTrue(table.contains("FD-classifier") && table.contains("KID-random"), table);
        assertFalse(table.contains("FID<"), "never called FID: " + table);
        assertTrue(table.contains("<td class=\"num\">1.875</td>"), "controlnet FD-classifier: " + table);
        assertTrue(table.contains("0.0625 <small>± 0.0125</small>"), "KID mean ± std: " + table);
        assertTrue(table.contains("<b>real vs real</b>"), table);
        assertTrue(table.contains("<td class=\"num\">0.0421</td>"), "floor FD-classifier: " + table);
        assertEquals(3, occurrences(table, "<td class=\"num\">16</td>"), "N on backbone, controlnet and the floor");
        // the unmeasured arms (no proxies in their rows) say so
        assertTrue(occurrences(table, "not measured") >= 5, table);
    }

    @Test
    void maskIouAndDepthRmseColumnsAppearOnlyWhenMeasured() throws IOException {
        assertFalse(report().contains("Mask IoU"), "canny run: no mask column");
        Files.writeString(dir.resolve("summary.json"), """
                {"experiment":"m","status":"completed","arms":[
                 {"name":"cn","method":"controlnet","status":"completed","maskIou":0.8125,"depthRmse":null}]}
                """);
        String html = Files.readString(HtmlReport.write(dir), StandardCharsets.UTF_8);
        assertTrue(html.contains("Mask IoU"), "mask column");
        assertTrue(html.contains("<td class=\"num\">0.813</td>"), "IoU value");
        assertFalse(html.contains("Depth RMSE"), "no depth column");
        assertTrue(html.contains("the run summary has no feature-space proxies"), "old runs: proxies not measured");
    }

    @Test
    void memoryMethodAppearsOnceAsFootnote() throws IOException {
        String html = report();
        assertEquals(1, occurrences(html, "JVM heap + DJL native bytes, sampled every step"));
        assertTrue(html.contains("<li id=\"mem-1\">Peak memory: JVM heap + DJL native bytes"));
    }

    @Test
    void unmeasuredValuesSayNotMeasured() throws IOException {
        String html = report();
        // The failed arm measured no step time, throughput, memory, or quality.
        assertTrue(occurrences(html, "not measured") >= 6);
    }

    @Test
    void failedArmShowsItsErrorEscapedInRed() throws IOException {
        String html = report();
        assertFalse(html.contains(FakeRun.ERROR), "raw error text must not reach the page");
        assertTrue(html.contains(
                "<tr class=\"failed err\"><td colspan=\"13\"><b>unicon-wide failed:</b> <pre>"
                        + "OutOfMemory: &lt;alloc&gt; failed &amp; &quot;retry&quot; didn&#39;t help</pre>"));
        assertTrue(html.contains("<tr class=\"failed\">"));
        assertTrue(html.contains("tr.failed td.st,.error,tr.err td{color:#b3261e}"));
    }

    @Test
    void embedsOneImagePerSampleAndColumn() throws IOException {
        String html = report();
        int chartImages = html.contains("<svg") ? 0 : 1;
        assertEquals(FakeRun.SAMPLES * FakeRun.COLUMNS.size() + chartImages, occurrences(html, "<img"));
        assertEquals(occurrences(html, "<img"), occurrences(html, "src=\"data:image/png;base64,"));
        for (String c : FakeRun.COLUMNS) {
            assertTrue(html.contains("<th>" + c + "</th>"), "column header " + c);
        }
        assertTrue(html.contains("image-rendering:pixelated"));
    }

    @Test
    void lossChartIsInlineSvgWithOneSeriesPerTrainedArm() throws IOException {
        String html = report();
        assertTrue(html.contains("<svg class=\"chart\""), "VectorGraphics2D is on the classpath, so the chart is SVG");
        assertFalse(html.contains("<!DOCTYPE svg"), "no DOCTYPE (and its DTD link) inside the page");
        assertFalse(html.contains("<?xml"));
        // XChart draws text as glyph outlines, so the arm names are checked in the accessible label.
        assertTrue(html.contains(
                "<svg class=\"chart\" role=\"img\" aria-label=\"training loss against step for controlnet, unicon\""));
        assertTrue(html.contains("Log-scale y axis."), "loss spans more than a decade, so the y axis is logarithmic");
        assertTrue(html.contains("No loss recorded for: unicon-wide."));
    }

    @Test
    void pageLoadsNothingFromOutside() throws IOException {
        String html = report();
        Pattern link = Pattern
                .compile("(?i)\\b(src|href|xlink:href|action|poster|data)\\s*=\\s*[\"']?\\s*(https?:|//)");
        Matcher m = link.matcher(html);
        assertFalse(m.find(), () -> "external link: " + m.group());
        assertFalse(Pattern.compile("(?i)url\\(\\s*['\"]?\\s*(https?:|//)").matcher(html).find(), "CSS url()");
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("<script"), "no scripts at all");
        assertFalse(html.contains("<link"), "no linked stylesheets or icons");
        // An xmlns value is a namespace name, never fetched; nothing else may name a web address.
        String withoutNamespaces = html.replaceAll("\\sxmlns(:\\w+)?=\"[^\"]*\"", "");
        assertFalse(withoutNamespaces.contains("http://"), "http:// outside an xmlns attribute");
        assertFalse(withoutNamespaces.contains("https://"), "https:// outside an xmlns attribute");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:"));
    }

    @Test
    void resolvedConfigurationIsVerbatimAndEscapedInCollapsibleBlock() throws IOException {
        String html = report();
        assertTrue(html.contains("<details>\n<summary>experiment.yaml"));
        assertTrue(
                html.contains("<pre class=\"yaml\">name: quickstart\nnote: &quot;&lt;b&gt;not bold&lt;/b&gt;&quot;\n"));
    }

    @Test
    void provenanceTableListsRecordedFieldsAndDuration() throws IOException {
        String html = report();
        assertTrue(html.contains("<tr><th>gitCommit</th><td><code>abc123</code></td></tr>"));
        assertTrue(
                html.contains("<tr><th>command</th><td><code>unicon run experiments/quickstart.yaml</code></td></tr>"));
        assertTrue(html.contains("<tr><th>duration</th><td><code>2 min 05 s</code></td></tr>"));
    }

    @Test
    void armNamesAreEscapedInTablesAndChart() throws IOException {
        Files.writeString(dir.resolve("summary.json"),
                """
                        {"experiment":"x<y","status":"completed","arms":[{"name":"a<b&c","method":"unicon","status":"completed"}]}
                        """);
        FakeRun.metrics(dir, "a<b&c", 1.0, 0.5);
        String html = Files.readString(HtmlReport.write(dir));
        assertFalse(html.contains("a<b&c"));
        assertFalse(html.contains("x<y"));
        assertTrue(html.contains("<b>a&lt;b&amp;c</b>"));
        assertTrue(html.contains("aria-label=\"training loss against step for a&lt;b&amp;c\""),
                "chart label escaped too");
    }

    @Test
    void runWithOnlySummaryStillGetsAReport() throws IOException {
        Files.writeString(dir.resolve("summary.json"),
                """
                        {"experiment":"bare","status":"failed","arms":[{"name":"controlnet","method":"controlnet","status":"failed","error":null}]}
                        """);
        String html = Files.readString(HtmlReport.write(dir));
        assertTrue(html.contains("no provenance.json in the run folder"));
        assertTrue(html.contains("no arm has loss values"));
        assertTrue(html.contains("no samples/index.json in the run folder"));
        assertTrue(html.contains("no experiment.yaml in the run folder"));
        assertTrue(html.contains("<b>controlnet failed:</b> no error message recorded"));
        assertEquals(0, occurrences(html, "<img"));
        assertFalse(html.contains("<svg"));
    }

    @Test
    void missingSampleFileShowsMissingCellInsteadOfFailing() throws IOException {
        FakeRun.write(dir);
        Files.delete(dir.resolve("samples/unicon/001.png"));
        String html = Files.readString(HtmlReport.write(dir));
        assertEquals(FakeRun.SAMPLES * FakeRun.COLUMNS.size() - 1,
                occurrences(html, "<img") - (html.contains("<svg") ? 0 : 1));
        assertTrue(html.contains("<span class=\"nm\">missing</span>"));
    }

    @Test
    void corruptOptionalFileShowsItsErrorInItsSectionOnly() throws IOException {
        FakeRun.write(dir);
        Files.writeString(dir.resolve("provenance.json"), "{\"gitCommit\": ");
        String html = Files.readString(HtmlReport.write(dir));
        assertTrue(html.contains("Could not read this part of the run:"));
        assertTrue(html.contains("provenance.json is not valid JSON"));
        assertTrue(html.contains("<b>controlnet</b>"), "the rest of the report is still there");
    }

    @Test
    void missingSummaryGivesHelpfulReportException() {
        ReportException e = assertThrows(ReportException.class, () -> HtmlReport.write(dir));
        assertTrue(e.getMessage().contains("summary.json not found: is this a run folder?"), e.getMessage());
        assertTrue(e.getMessage().contains("run `unicon run EXPERIMENT.yaml` first"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void unparsableSummaryGivesReportExceptionNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"experiment\": \"q\", \"arms\": [");
        ReportException e = assertThrows(ReportException.class, () -> HtmlReport.write(dir));
        assertTrue(e.getMessage().contains("summary.json is not valid JSON at line"), e.getMessage());
    }

    @Test
    void missingRunFolderGivesReportException() {
        ReportException e = assertThrows(ReportException.class, () -> HtmlReport.write(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }
}
