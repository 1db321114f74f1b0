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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run with several seeds, aggregates, comparisons and claims; and the compare page. */
class RichReportTest {
    @TempDir
    Path dir;

    private String richReport() throws IOException {
        Path run = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("three-seeds-run")));
        return Files.readString(HtmlReport.write(run), StandardCharsets.UTF_8);
    }

    private static String section(String html, String title) {
        int start = html.indexOf("<h2>" + title + "</h2>");
        assertTrue(start >= 0, "no section " + title);
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void claimsShowTheirVerdictBadgeIntervalSeedsAndRule() throws IOException {
        String claims = section(richReport(), "Claims");
        assertTrue(claims.contains(FakeRun.CLAIM_MEMORY), claims);
        assertTrue(claims.contains("0.67x ControlNet&#39;s memory"), "the paper's figure, escaped");
        assertTrue(claims.contains("0.71× <small>[0.65–0.78]</small><br><small>n = 3</small>"), claims);
        assertTrue(claims.contains("<span class=\"verdict holds\">holds</span>"), claims);
        assertTrue(claims.contains("<span class=\"verdict does-not-hold\">does not hold</span>"), claims);
        assertTrue(claims.contains("<span class=\"verdict inconclusive\">inconclusive</span>"), claims);
        assertTrue(
                claims.contains(
                        "<div class=\"rule\">holds if the 95% interval of UniCon/ControlNet lies at or below 0.80;"),
                claims);
        assertTrue(claims.contains("unicon-half vs controlnet · memory"), claims);
        assertTrue(claims.contains("<div class=\"note\">learning rate chosen once per arm on tuning seed 1000 "
                + "&lt;one search&gt;</div>"), "the claim's note, escaped: " + claims);
        assertEquals(1, claims.split("class=\"note\"", -1).length - 1, "no note where the claim has none");
    }

    @Test
    void claimsComeBeforeEveryOtherSection() throws IOException {
        String html = richReport();
        int claims = html.indexOf("<h2>Claims</h2>");
        assertTrue(claims > 0 && claims < html.indexOf("<h2>Provenance</h2>"));
        assertTrue(claims < html.indexOf("<h2>Cost</h2>"));
    }

    @Test
    void comparisonRatiosAreListedWithUnmeasuredOnesSaidSo() throws IOException {
        String claims = section(richReport(), "Claims");
        assertTrue(claims.contains("All ratios to the reference arm (2 comparisons)"), claims);
        assertTrue(claims.contains("<b>unicon-full</b> / controlnet"), claims);
        assertTrue(claims.contains("1.26× <small>[1.20–1.30]</small>"), "step-time ratio: " + claims);
        assertTrue(claims.contains("not measured"), "null edgeF1 / psnr ratios: " + claims);
    }

    @Test
    void aRunWithoutClaimsSaysWhatClaimsNeed() throws IOException {
        String claims = section(Files.readString(HtmlReport.write(FakeRun.write(dir))), "Claims");
        assertTrue(
                claims.contains(
                        "This run has no claims to test: that needs a ControlNet arm and at least one UniCon arm"),
                claims);
        assertFalse(claims.contains("class=\"verdict"));
    }

    @Test
    void oldRunFolderWithoutTheNewFieldsStillRendersEverySection() throws IOException {
        String html = Files.readString(HtmlReport.write(FakeRun.write(dir)));
        for (String title : List.of("Claims", "Provenance", "Arms", "Cost", "Fidelity and quality", "Training loss",
                "Samples", "Resolved configuration")) {
            assertFalse(section(html, title).contains("Could not read"), title);
        }
        String cost = section(html, "Cost");
        assertTrue(cost.contains("no arm recorded its peak memory together with the exact weight"), "cost section");
        assertTrue(cost.contains("no arm recorded median data, forward, backward and optimiser times"), "cost section");
        assertTrue(cost.contains(">120.5<"), "step ms from the first seed row");
        assertFalse(cost.contains("<svg"), "no cost chart without the parts");
        String fidelity = section(html, "Fidelity and quality");
        assertTrue(fidelity.contains("aria-label=\"SSIM and edge F1 per arm; arms backbone, controlnet, unicon\""),
                "fidelity section");
        assertTrue(fidelity.contains("One seed per arm: no intervals."), "fidelity section");
        assertTrue(
                fidelity.contains(
                        "aria-label=\"Pareto chart: peak training memory against SSIM; arms controlnet, unicon\""),
                "fidelity section");
    }

    @Test
    void memoryChartStacksTheFiveParts() throws IOException {
        String cost = section(richReport(), "Cost");
        assertTrue(
                cost.contains("aria-label=\"peak training memory per arm, stacked: frozen weights, trainable weights, "
                        + "gradients, optimiser state, activations &amp; other; arms controlnet, unicon-half, unicon-full\""),
                "cost section");
        assertTrue(cost.contains("max(0, peak − gradients − optimiser state)"), "the decomposition is explained");
        assertTrue(cost.contains("rough, in-process"), "and its limits");
        // controlnet: peak 550.07 MiB - gradients 1.06 - Adam 2.12 = 546.88 MiB of activations and other
        assertTrue(cost.contains("2.36 / 1.06 / 1.06 / 2.12 / 546.9<"),
                "parts: frozen / trainable / gradients / Adam / activations");
        assertTrue(cost.contains("aria-label=\"median step time per arm, stacked: data, forward, backward, optimiser;"),
                "cost section");
    }

    @Test
    void memoryPartsKeepActivationsNonNegative() {
        ArmResult row = new ArmResult("a", "unicon", 0L, "completed", null, null, null, null, 10L, 5L, 15L, 1L, 1,
                null, null, null, null, null, 100L, null, null, null, null, null, null, null, null,
                new ArmCost(null, null, null, null, 400L, 400L, 800L, 200L));
        RunSummary s = new RunSummary("x", null, "completed", List.of(row), null);
        CostCharts.MemoryParts parts = CostCharts.memoryParts(ArmFigures.of(s).get(0));
        assertEquals(0.0, parts.mib()[4], "peak below gradients + optimiser state: activations clamp to 0");
        assertEquals(200.0 / (1 << 20), parts.mib()[0], 1e-12, "frozen weights first");
    }

    @Test
    void figuresUseAggregatesWithIntervalsOverTheFirstSeed() throws IOException {
        String html = richReport();
        String fidelity = section(html, "Fidelity and quality");
        assertTrue(fidelity.contains("0.623 <small>[0.604–0.636]</small>"), "controlnet SSIM mean [low–high]");
        assertTrue(fidelity.contains("with interval whiskers"), "fidelity section");
        String cost = section(html, "Cost");
        assertTrue(cost.contains(">27.5<"), "forward ms mean without interval (low/high null)");
    }

    @Test
    void paretoChartPlacesEveryTrainedArm() throws IOException {
        String fidelity = section(richReport(), "Fidelity and quality");
        assertTrue(fidelity.contains("<h3>Memory against fidelity</h3>"));
        assertTrue(fidelity.contains(
                "aria-label=\"Pareto chart: peak training memory against SSIM; arms controlnet, unicon-half, unicon-full\""),
                "fidelity section");
    }

    @Test
    void lossCurvesOfSeveralSeedsShowMeanBandAndSmoothing() throws IOException {
        String loss = section(richReport(), "Training loss");
        assertTrue(loss.contains("centred moving average over 8 logged steps"), loss.substring(loss.length() - 900));
        assertTrue(loss.contains("min–max band"), loss.substring(loss.length() - 900));
    }

    @Test
    void comparePageShowsBothRunsSideBySide() throws IOException {
        Path a = FakeRun.write(Files.createDirectories(dir.resolve("quickstart-20261125-181611")));
        Path b = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("three-seeds-20261126-090000")));
        Path out = HtmlReport.compare(List.of(a, b), dir.resolve("cmp/compare.html"));
        String html = Files.readString(out);
        assertTrue(html.contains("<title>Comparison of 2 runs · UniCon Bench</title>"));
        assertTrue(html.contains("<b>quickstart-20261125-181611</b>")
                && html.contains("<b>three-seeds-20261126-090000</b>"));
        assertTrue(html.contains("<h2>Claims: three-seeds-20261126-090000 (three-seeds)</h2>"));
        assertTrue(html.contains("<span class=\"verdict holds\">holds</span>"), "second run's claims");
        assertTrue(html.contains("This run has no claims to test"), "first run has none");
        assertTrue(html.contains(">117.7<"), "first run's controlnet peak MiB");
        assertTrue(html.contains("0.623 <small>[0.604–0.636]</small>"), "second run's aggregate SSIM");
        assertFalse(html.contains("<script") || html.contains("http://") && !html.contains("xmlns"));
    }

    @Test
    void comparingAFolderThatIsNotARunFails() throws IOException {
        Path a = FakeRun.write(Files.createDirectories(dir.resolve("run")));
        Path notRun = Files.createDirectories(dir.resolve("empty"));
        ReportException e = assertThrows(ReportException.class,
                () -> HtmlReport.compare(List.of(a, notRun), dir.resolve("compare.html")));
        assertTrue(e.getMessage().contains("summary.json not found"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("compare.html")));
    }

    @Test
    void summaryWithMalformedClaimsNamesTheField() throws IOException {
        Files.writeString(dir.resolve("summary.json"), """
                {"experiment":"x","status":"completed","arms":[],"claims":{"claim":"not a list"}}
                """);
        ReportException e = assertThrows(ReportException.class, () -> RunFolder.open(dir));
        assertTrue(e.getMessage().contains("claims must be an array"), e.getMessage());
    }
}
