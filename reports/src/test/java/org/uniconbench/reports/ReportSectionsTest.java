package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page is its registered sections in order, with the stylesheet and captions read from resources. */
class ReportSectionsTest {
    @TempDir
    Path dir;

    @Test
    void thePageShowsEveryRegisteredSectionItsRunHasOnceInRegistrationOrder() throws IOException {
        RunFolder run = RunFolder.open(FakeRun.writeMultiSeed(dir));
        String html = HtmlReport.render(run);
        List<String> titles = new ArrayList<>();
        var m = Pattern.compile("<section>\n<h2>([^<]*)</h2>").matcher(html);
        while (m.find()) {
            titles.add(m.group(1));
        }
        ReportInput in = ReportInput.of(run);
        // the fake run has no control curves: that optional section is the only one left out
        assertEquals(HtmlReport.SECTIONS.stream().filter(s -> s.shown(in)).map(s -> Html.esc(s.title())).toList(),
                titles);
        assertEquals(HtmlReport.SECTIONS.size() - 1, titles.size());
        assertFalse(titles.contains(ControlCurveSection.TITLE));
        assertFalse(html.contains("Could not read this part of the run"), "every section of a whole run renders");
    }

    @Test
    void aSectionThatCannotReadItsFileShowsTheErrorAndTheOthersStillRender() throws IOException {
        RunFolder run = RunFolder.open(FakeRun.write(dir));
        ReportSection broken = new ReportSection() {
            @Override
            public String title() {
                return "Broken <part>";
            }

            @Override
            public String html(ReportInput in) {
                throw new ReportException("curves.jsonl is not valid JSON at line 3");
            }
        };
        StringBuilder b = new StringBuilder();
        Page.section(b, broken.title(), () -> broken.html(ReportInput.of(run)));
        Page.section(b, "Provenance", () -> new ProvenanceSection().html(ReportInput.of(run)));
        String html = b.toString();
        assertTrue(
                html.contains("<h2>Broken &lt;part&gt;</h2>\n<p class=\"error\">Could not read this part of the run: "
                        + "curves.jsonl is not valid JSON at line 3</p>"),
                html);
        assertTrue(html.contains("<tr><th>gitCommit</th>"), "the next section is whole: " + html);
    }

    @Test
    void theStylesheetIsInlinedFromItsResourceAndLoadsNothing() throws IOException {
        String css;
        try (InputStream in = Page.class.getResourceAsStream("report.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String html = HtmlReport.render(RunFolder.open(FakeRun.write(dir)));
        assertTrue(html.contains("<style>" + css + "</style>"), "report.css inlined verbatim");
        assertFalse(css.contains("@import") || css.contains("url("), "the stylesheet loads nothing");
    }

    @Test
    void captionsDescribeTheFiguresNotTheHistoryOfTheHarness() throws IOException {
        Properties captions = new Properties();
        try (InputStream in = Captions.class.getResourceAsStream("captions.properties")) {
            captions.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertTrue(captions.size() > 10, "captions read: " + captions.keySet());
        for (String key : captions.stringPropertyNames()) {
            String text = captions.getProperty(key).toLowerCase(Locale.ROOT);
            for (String history : List.of("before this version", "older version", "from before", "runs before")) {
                assertFalse(text.contains(history), key + " tells history (\"" + history + "\"): " + text);
            }
        }
        assertTrue(Captions.get("cost.table", "95% t, n = 5").contains("(95% t, n = 5)"), "placeholder filled");
    }

    @Test
    void anUnknownCaptionFailsLoudlyInsteadOfPrintingNothing() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Captions.get("cost.tabel"));
        assertTrue(e.getMessage().contains("no caption 'cost.tabel'"), e.getMessage());
    }
}
