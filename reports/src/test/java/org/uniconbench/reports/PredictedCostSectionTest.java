package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's "Predicted cost" section: the cost model's figures beside the measured peak. */
class PredictedCostSectionTest {

    @TempDir
    Path dir;

    @Test
    void showsThePredictionBesideTheMeasuredPeakAndSaysWhenARunHasNone() throws IOException {
        Path run = FakeRun.write(dir);
        String none = PredictedCostSection.html(RunFolder.open(run));
        assertTrue(none.contains("Not recorded"), none);

        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = (ObjectNode) json.readTree(run.resolve("summary.json").toFile());
        long peak = 0;
        for (JsonNode row : summary.path("arms")) {
            if ("controlnet".equals(row.path("name").asText())) {
                peak = row.path("peakMemoryBytes").asLong();
            }
        }
        assertTrue(peak > 0, "the fake run's controlnet row has a measured peak");
        long predicted = peak / 2;
        ObjectNode estimate = summary.putObject("estimate");
        estimate.put("batch", 16).put("resolution", 32).put("precision", "fp32");
        ObjectNode arm = estimate.putObject("arms").putObject("controlnet");
        arm.put("trainableParams", 278432).put("gradientBytes", 1000).put("optimizerBytes", 2000)
                .put("activationBytes", predicted - 3000).put("trainingBytes", predicted).put("stepFlops", 8.4e9);
        arm.putObject("vsReference").put("trainingMemory", 1.0).put("stepFlops", 1.0).put("trainableParams", 1.0);
        estimate.putArray("assumptions").add("no <gradient> checkpointing");
        json.writeValue(run.resolve("summary.json").toFile(), summary);

        String html = PredictedCostSection.html(RunFolder.open(run));
        assertFalse(html.contains("Not recorded"), html);
        assertTrue(html.contains("<td>controlnet</td><td>278,432</td>"), html);
        assertTrue(html.contains("<td>2.00x</td>"), "measured / predicted: " + html);
        assertTrue(html.contains("<td>8.40</td>"), "step GFLOP: " + html);
        assertTrue(html.contains("no &lt;gradient&gt; checkpointing"), "assumptions, escaped: " + html);
        assertTrue(HtmlReport.render(RunFolder.open(run)).contains("Predicted cost (cost model)"));
    }
}
