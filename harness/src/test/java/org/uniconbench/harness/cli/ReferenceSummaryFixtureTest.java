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

/** The reference summary written by the real writer at 949caff (schema 1) still reads through the run-folder model. */
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
}
