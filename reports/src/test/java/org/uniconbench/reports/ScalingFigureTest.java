package org.uniconbench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison page's scaling figure: measured and predicted ratios per run, by backbone size. */
class ScalingFigureTest {

    @TempDir
    Path dir;

    /** A fake run whose summary carries an estimate with this backbone size. */
    private RunFolder run(String name, double backboneParams, boolean withEstimate) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        FakeRun.write(folder);
        if (withEstimate) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode summary = (ObjectNode) json.readTree(folder.resolve("summary.json").toFile());
            ObjectNode estimate = summary.putObject("estimate");
            estimate.put("reference", "controlnet");
            ObjectNode arms = estimate.putObject("arms");
            ObjectNode controlnet = arms.putObject("controlnet").put("method", "controlnet").put("frozenParams",
                    backboneParams);
            controlnet.putObject("vsReference").put("trainableParams", 1.0).put("trainingMemory", 1.0)
                    .put("stepFlops", 1.0)
                    .put("stepFlopsFeaturesCached", 1.0);
            ObjectNode unicon = arms.putObject("unicon").put("method", "unicon").put("frozenParams", backboneParams);
            unicon.putObject("vsReference").put("trainableParams", 0.95).put("trainingMemory", 0.8)
                    .put("stepFlops", 0.9)
                    .put("stepFlopsFeaturesCached", 0.5);
            ObjectNode wide = arms.putObject("unicon-wide").put("method", "unicon").put("frozenParams", backboneParams);
            wide.putObject("vsReference").put("trainableParams", 2.5).put("trainingMemory", 1.6).put("stepFlops", 1.5)
                    .put("stepFlopsFeaturesCached", 1.2);
            json.writeValue(folder.resolve("summary.json").toFile(), summary);
        }
        return RunFolder.open(folder);
    }

    @Test
    void pairsTheEqualSizeUniconArmWithTheReferenceAndSortsRunsByBackboneSize() throws IOException {
        List<RunFolder> runs = List.of(run("large", 4e6, true), run("old", 0, false), run("small", 1e6, true));
        List<ScalingFigure.Point> points = ScalingFigure.points(runs);
        assertEquals(2, points.size(), "the run without an estimate is left out");
        assertEquals("small", points.get(0).run());
        assertEquals("large", points.get(1).run());
        ScalingFigure.Point p = points.get(0);
        assertEquals("unicon", p.arm(), "nearest in parameters, not the 2.5x arm");
        assertEquals(67108864.0 / 123456789.0, p.memoryMeasured(), 1e-12);
        assertEquals(80.25 / 120.5, p.timeMeasured(), 1e-12);
        assertEquals(0.8, p.memoryPredicted());
        assertEquals(0.5, p.flopsCached());
        String html = ScalingFigure.html(runs);
        assertTrue(html.contains("<td>0.54x</td><td>0.80x</td>"), "measured beside predicted memory ratio");
        // a chart's label is its alt text (PNG) or aria-label (inline SVG)
        assertTrue(html.contains("memory ratio UniCon / ControlNet against backbone parameters\""), "memory chart");
        assertTrue(html.contains("step time ratio UniCon / ControlNet against backbone parameters\""), "time chart");
        assertTrue(HtmlReport.renderComparison(runs).contains("Cost against backbone size"));
        assertTrue(
                ScalingFigure.html(List.of(run("older", 0, false))).contains("No run here has a cost-model estimate"));
    }
}
