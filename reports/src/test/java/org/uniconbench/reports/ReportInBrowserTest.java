package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report in a real browser (Debian's Chromium, headless): no console errors, every image
 * decoded, no network request beyond the file itself; a screenshot is kept for people to look at
 * (reports/target/report-screenshot.png).
 */
class ReportInBrowserTest {

    @Test
    void reportRendersInChromiumWithoutErrorsOrRequests(@TempDir Path dir) throws Exception {
        Path run = FakeRun.write(Files.createDirectories(dir.resolve("run")));
        Path report = HtmlReport.write(run);
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(report);
            JsonNode images = browser.evaluate(
                    "Promise.all(Array.from(document.images).map(i => i.decode().then(() => i.naturalWidth > 0, () => false)))"
                            + ".then(r => ({count: r.length, decoded: r.filter(x => x).length}))");
            int count = images.get("count").asInt();
            assertTrue(count > 0, "the report has images");
            assertEquals(count, images.get("decoded").asInt(), "every image decoded");
            JsonNode svg = browser.evaluate("document.querySelectorAll('svg').length");
            assertTrue(svg.asInt() + count > FakeRun.COLUMNS.size(), "charts and samples present");
            browser.screenshot(Path.of("target", "report-screenshot.png"));
            assertEquals(java.util.List.of(), browser.consoleErrors(), "console errors");
            for (String url : browser.requests()) {
                assertTrue(url.startsWith("data:") || url.equals(report.toUri().toString()),
                        "the page requested " + url);
            }
        }
        assertTrue(Files.size(Path.of("target", "report-screenshot.png")) > 10_000, "screenshot written");
    }

    @Test
    void richReportWithEveryChartRendersInChromiumWithoutErrorsOrRequests(@TempDir Path dir) throws Exception {
        Path run = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("run")));
        Path report = HtmlReport.write(run);
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(report);
            JsonNode images = browser.evaluate(
                    "Promise.all(Array.from(document.images).map(i => i.decode().then(() => i.naturalWidth > 0, () => false)))"
                            + ".then(r => ({count: r.length, decoded: r.filter(x => x).length}))");
            int count = images.get("count").asInt();
            assertTrue(count > 0, "the report has sample images");
            assertEquals(count, images.get("decoded").asInt(), "every image decoded");
            // memory, step time, fidelity bars, Pareto and loss: five charts, each laid out with a real size
            JsonNode charts = browser.evaluate("Array.from(document.querySelectorAll('svg.chart, img.chart'))"
                    + ".map(c => { const r = c.getBoundingClientRect(); return r.width > 300 && r.height > 150; })");
            assertEquals(5, charts.size(), "five charts: " + charts);
            charts.forEach(c -> assertTrue(c.asBoolean(), "every chart laid out: " + charts));
            JsonNode badges = browser.evaluate("document.querySelectorAll('.verdict').length");
            assertEquals(3, badges.asInt(), "one verdict badge per claim");
            browser.screenshot(Path.of("target", "report-rich-screenshot.png"));
            assertEquals(java.util.List.of(), browser.consoleErrors(), "console errors");
            for (String url : browser.requests()) {
                assertTrue(url.startsWith("data:") || url.equals(report.toUri().toString()),
                        "the page requested " + url);
            }
        }
        assertTrue(Files.size(Path.of("target", "report-rich-screenshot.png")) > 10_000, "screenshot written");
    }

    @Test
    void comparePageRendersInChromiumWithoutErrorsOrRequests(@TempDir Path dir) throws Exception {
        Path a = FakeRun.write(Files.createDirectories(dir.resolve("a")));
        Path b = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("b")));
        Path page = HtmlReport.compare(java.util.List.of(a, b), dir.resolve("compare.html"));
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(page);
            JsonNode rows = browser.evaluate("document.querySelectorAll('table.compare tbody tr').length");
            assertEquals(4 + 4, rows.asInt(), "four arms of each run");
            assertEquals(java.util.List.of(), browser.consoleErrors(), "console errors");
            for (String url : browser.requests()) {
                assertTrue(url.startsWith("data:") || url.equals(page.toUri().toString()), "the page requested " + url);
            }
        }
    }

    @Test
    void theBrowserCheckSeesRequestsConsoleErrorsAndBrokenImages(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("bad.html");
        Files.writeString(page, "<!doctype html><html><body><img src=\"http://127.0.0.1:9/x.png\">"
                + "<img src=\"data:image/png;base64,AAAA\"><script>console.error('boom')</script></body></html>");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(page);
            JsonNode decoded = browser.evaluate(
                    "Promise.all(Array.from(document.images).map(i => i.decode().then(() => true, () => false)))"
                            + ".then(r => r.filter(x => x).length)");
            assertEquals(0, decoded.asInt(), "neither image decodes");
            assertTrue(browser.requests().contains("http://127.0.0.1:9/x.png"), browser.requests().toString());
            assertTrue(browser.consoleErrors().stream().anyMatch(e -> e.contains("boom")),
                    browser.consoleErrors().toString());
        }
    }
}
