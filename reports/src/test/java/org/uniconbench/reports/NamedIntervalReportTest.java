package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims as the harness writes them now (a reading, a reason, an interval named by method, level
 * and n, four verdicts, the backbone's quality gate) and as older runs wrote them (flat estimate,
 * unnamed intervals, "does not hold"): both render, and neither calls a range "95%".
 */
class NamedIntervalReportTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The multi-seed fake run with its claims and gate rewritten in the current format. */
    private Path currentFormatRun() throws IOException {
        Path run = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("five-seeds")));
        ObjectNode summary = (ObjectNode) JSON.readTree(run.resolve("summary.json").toFile());
        ArrayNode claims = JSON.createArrayNode();
        claims.add(JSON.readTree("""
                {"claim":"At equal adapter size, UniCon trains with about a third less memory","paper":"0.67x",
                 "reading":"c-width-slice","readingText":"(c) a width-sliced full unidirectional copy vs ControlNet",
                 "arm":"unicon-half","reference":"controlnet","metric":"peakMemoryBytes",
                 "interval":{"estimate":0.71,"low":0.66,"high":0.76,"level":0.95,"method":"paired log-ratio t","n":5},
                 "verdict":"holds","reason":"the interval lies at or below 0.80","rule":"holds if ..."}"""));
        claims.add(JSON.readTree("""
                {"claim":"A UniCon adapter with about twice the parameters controls better (SSIM)","paper":"1.15x",
                 "reading":"double-size","readingText":"a full copy with 1.5x ControlNet's parameters",
                 "arm":"unicon-full","reference":"controlnet","metric":"ssim",
                 "interval":{"estimate":0.7,"low":0.6,"high":0.8,"level":0.95,"method":"paired log-ratio t","n":5},
                 "verdict":"not-testable","reason":"unicon-full did not learn control","rule":"holds if ..."}"""));
        claims.add(JSON.readTree(
                """
                        {"claim":"At equal adapter size, UniCon trains about 2.3x faster","paper":"0.43x",
                         "reading":"a-flow-swapped","readingText":"(a) flow swapped","arm":"unicon-full","reference":"full-bi",
                         "metric":"medianStepMs",
                         "interval":{"estimate":0.9,"low":0.8,"high":1.0,"level":null,"method":"range","n":3},
                         "verdict":"inconclusive","reason":"range of 3 seeds: a verdict needs a 95% t interval","rule":"holds if ..."}"""));
        summary.set("claims", claims);
        summary.set("backbone", JSON.readTree("""
                {"qualityGate":{"passed":false,"fdClassifier":12.0,"floor":2.0,"n":128,"multiple":3.0,
                 "reason":"failed: the backbone's FD-classifier 12.0 is 6.00x the floor"}}"""));
        JSON.writeValue(run.resolve("summary.json").toFile(), summary);
        return run;
    }

    private static String claimsSection(Path run) throws IOException {
        String html = Files.readString(HtmlReport.write(run), StandardCharsets.UTF_8);
        int start = html.indexOf("<h2>Claims</h2>");
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void currentClaimsShowReadingReasonNamedIntervalAndGate() throws IOException {
        Path run = currentFormatRun();
        RunSummary s = RunFolder.open(run).summary();
        Claim memory = s.claims().get(0);
        assertEquals("c-width-slice", memory.reading());
        assertEquals(0.66, memory.estimate().low());
        assertEquals("95% paired log-ratio t, n = 5", memory.estimate().describe());
        assertEquals(Claim.Verdict.NOT_TESTABLE, s.claims().get(1).verdictKind());
        assertEquals("failed", s.qualityGate().state());
        String claims = claimsSection(run);
        assertTrue(claims.contains("<b>c-width-slice</b>"), claims);
        assertTrue(claims.contains("95% paired log-ratio t, n = 5"), claims);
        assertTrue(claims.contains("<span class=\"verdict not-testable\">not testable</span>"), claims);
        assertTrue(claims.contains("<div class=\"reason\">unicon-full did not learn control</div>"), claims);
        assertTrue(claims.contains("range of 3 seeds"), claims);
        assertTrue(claims.contains("Backbone quality gate: <b>failed</b>"), claims);
    }

    @Test
    void olderRunsStillRenderAndTheirRangesAreNotCalled95Percent() throws IOException {
        Path run = FakeRun.writeMultiSeed(Files.createDirectories(dir.resolve("old")));
        RunSummary s = RunFolder.open(run).summary();
        assertNull(s.qualityGate());
        assertNull(s.claims().get(0).reading());
        assertEquals(0.71, s.claims().get(0).estimate().value(), "the flat estimate of an older claim");
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, s.claims().get(1).verdictKind(), "\"does not hold\" as written then");
        String claims = claimsSection(run);
        assertTrue(claims.contains("range of 3 seeds (percentile bootstrap, older run)"), claims);
        assertFalse(claims.contains("95% bootstrap"), claims);
        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("95% bootstrap interval"), "no section calls an unnamed interval 95%");
    }
}
