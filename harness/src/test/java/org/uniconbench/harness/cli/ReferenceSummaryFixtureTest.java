package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.uniconbench.reports.ArmResult;
import org.uniconbench.reports.Claim;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.RunSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Summaries written by the real writer still read through the run-folder model: the reference of
 * 949caff (schema 1) and a run of 3608946, before {@code schemaVersion} existed (schema 0, the format
 * of the folders docs/ was made from).
 */
class ReferenceSummaryFixtureTest {

    private static final Path DIR = CommandLineTest.REFERENCE.getParent();

    @Test
    void theCommittedReferenceSummaryReadsThroughTheModelWithTheValuesAsWritten() throws IOException {
        JsonNode raw = new ObjectMapper().readTree(CommandLineTest.REFERENCE.toFile());
        RunSummary summary = RunFolder.open(DIR).summary();
        assertEquals(1, summary.schemaVersion());
        assertEquals("smoke", summary.experiment());
        assertEquals("completed", summary.status());
        assertEquals(List.of("backbone", "controlnet", "unicon"), summary.armNames());
        for (int i = 0; i < 3; i++) {
            ArmResult arm = summary.arms().get(i);
            JsonNode row = raw.get("arms").get(i);
            assertEquals(row.get("ssim").asDouble(), arm.ssim());
            assertEquals(row.get("edgeF1").asDouble(), arm.edgeF1());
            assertEquals(row.get("fdClassifier").asDouble(), arm.features().fdClassifier());
        }
        ArmResult controlnet = summary.arm("controlnet").orElseThrow();
        assertEquals(26016L, controlnet.trainableParams());
        assertEquals(raw.get("arms").get(1).get("finalLoss").asDouble(), controlnet.finalLoss());
        assertEquals(32010240L, controlnet.peakMemoryBytes());
        assertEquals(4, summary.claims().size());
        for (Claim claim : summary.claims()) {
            assertEquals(Claim.Verdict.NOT_TESTABLE, claim.verdictKind(), claim.toString());
            // measured claims carry a one-seed range; the double-size ones have no such arm pair in this run
            assertEquals(claim.arm() == null ? null : "range", claim.estimate().method(), claim.toString());
        }
        assertNull(summary.qualityGate().passed(), "N = 4: the gate was not evaluated");
        assertEquals(4, summary.qualityGate().n());
        assertEquals(raw.get("realVsReal").get("fdClassifier").asDouble(), summary.realVsReal().fdClassifier());
        assertTrue(summary.comparisons().get(0).ratios().values().stream().allMatch(e -> e.n() == 1),
                "one seed: every ratio is over one seed");
        assertEquals(26016L,
                RunFolder.open(DIR).estimate().path("arms").path("controlnet").path("trainableParams").asLong());
        assertTrue(summary.aggregate("unicon").orElseThrow().metric("ssim").measured());
    }

    @Test
    void aSummaryWrittenBeforeSchemaVersionsReadsAsSchema0WithItsValues() throws IOException {
        Path dir = DIR.resolveSibling("schema-0");
        JsonNode raw = new ObjectMapper().readTree(dir.resolve(RunFolder.SUMMARY).toFile());
        assertTrue(raw.path("schemaVersion").isMissingNode(), "the fixture must stay a schema-0 file");
        RunSummary summary = RunFolder.open(dir).summary();
        assertEquals(0, summary.schemaVersion());
        assertEquals("ab", summary.experiment());
        assertEquals("completed", summary.status());
        assertEquals(List.of("backbone", "controlnet", "unicon-full"), summary.armNames());
        ArmResult controlnet = summary.arm("controlnet").orElseThrow();
        assertEquals(278432L, controlnet.trainableParams());
        assertEquals(raw.get("arms").get(1).get("ssim").asDouble(), controlnet.ssim());
        assertEquals(raw.get("arms").get(2).get("edgeF1").asDouble(),
                summary.arm("unicon-full").orElseThrow().edgeF1());
        assertEquals(4, summary.claims().size());
        for (Claim claim : summary.claims()) {
            assertEquals(Claim.Verdict.INCONCLUSIVE, claim.verdictKind(), claim.toString());
        }
    }
}
