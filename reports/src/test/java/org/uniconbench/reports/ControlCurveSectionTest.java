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

/** The "Control during training" section: drawn from arms/NAME/curve.jsonl, left out without it. */
class ControlCurveSectionTest {
    @TempDir
    Path dir;

    /** Two seeds of an arm: seed 1 ends higher, and stops earlier (a time budget). */
    private static final String UNICON = """
            {"step":0,"trainSeconds":0.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.10,"samples":8,"seed":0}
            {"step":50,"trainSeconds":10.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.30,"samples":8,"seed":0}
            {"step":100,"trainSeconds":20.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.40,"samples":8,"seed":0}
            {"step":0,"trainSeconds":0.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.10,"samples":8,"seed":1}
            {"step":50,"trainSeconds":12.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.50,"samples":8,"seed":1}
            """;

    private static void write(Path run, String arm, String text) throws IOException {
        Files.createDirectories(run.resolve("arms").resolve(arm));
        Files.writeString(run.resolve("arms").resolve(arm).resolve(CurveFile.NAME), text, StandardCharsets.UTF_8);
    }

    private String report(Path run) throws IOException {
        return Files.readString(HtmlReport.write(run), StandardCharsets.UTF_8);
    }

    @Test
    void aRunWithCurvesGetsBothChartsACaptionAndWhereEachCurveEnds() throws IOException {
        Path run = FakeRun.write(dir);
        write(run, "unicon", UNICON);
        write(run, "controlnet", """
                {"step":0,"trainSeconds":0.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.10,"seed":0}
                {"step":100,"trainSeconds":30.0,"curveSeconds":0.5,"metric":"edgeF1","value":0.20,"seed":0}
                """);
        String html = report(run);
        int at = html.indexOf("<h2>" + ControlCurveSection.TITLE + "</h2>");
        assertTrue(at > html.indexOf("<h2>Training loss</h2>"), "after the loss chart");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertTrue(section.contains("edge F1 (higher is better)) against training step for controlnet, unicon"),
                section);
        assertTrue(section.contains("against training time for controlnet, unicon"), "the chart against wall time");
        assertTrue(section.contains("converges faster") && section.contains("time spent evaluating left out"),
                "the caption says what the figure tests and that evaluation time is excluded");
        assertTrue(section.contains("mean over 2 seeds"), "two seeds: the mean and each seed");
        // unicon: mean at step 100 is seed 0's alone (0.40); its last fifth starts at step 50 (mean 0.40)
        assertTrue(section.contains("<td><b>unicon</b></td><td class=\"num\">2</td><td class=\"num\">3</td>"
                + "<td class=\"num\">0.100</td><td class=\"num\">100</td><td class=\"num\">0.400</td>"
                + "<td class=\"num\">+0.000</td><td class=\"num\">20.0</td>"), section);
        assertTrue(
                section.contains(
                        "<td class=\"num\">0.200</td><td class=\"num\">+0.100</td><td class=\"num\">30.0</td>"),
                "controlnet ends at 0.200, still moving: " + section);
    }

    @Test
    void aRunWithoutCurvesHasNoSuchSection() throws IOException {
        String html = report(FakeRun.write(dir));
        assertFalse(html.contains(ControlCurveSection.TITLE), "no curve.jsonl: the section is left out");
        assertTrue(html.contains("<h2>Training loss</h2>"), "the rest of the report is there");
    }

    @Test
    void theMeanLineAveragesTheSeedsThatReachedEachStep() {
        List<CurvePoint> points = List.of(
                new CurvePoint(0, 0, "edgeF1", 0.1, 0L), new CurvePoint(50, 10, "edgeF1", 0.3, 0L),
                new CurvePoint(0, 0, "edgeF1", 0.3, 1L), new CurvePoint(50, 14, "edgeF1", 0.5, 1L),
                new CurvePoint(100, 20, "edgeF1", 0.6, 0L));
        var seeds = List.copyOf(ControlCurveChart.bySeed(points).values());
        double[][] byStep = ControlCurveChart.line(seeds, ControlCurveChart.Axis.STEP);
        double[][] byTime = ControlCurveChart.line(seeds, ControlCurveChart.Axis.TIME);
        assertEquals(List.of(0.0, 50.0, 100.0), List.of(byStep[0][0], byStep[0][1], byStep[0][2]));
        assertEquals(0.2, byStep[1][0], 1e-12);
        assertEquals(0.4, byStep[1][1], 1e-12);
        assertEquals(0.6, byStep[1][2], 1e-12, "only seed 0 reached step 100");
        assertEquals(12.0, byTime[0][1], 1e-12, "the seeds' mean time to step 50");
    }

    @Test
    void aTruncatedLastLineIsSkippedAndADivergedPointLeftOutButABadLineIsNamed() throws IOException {
        Path run = FakeRun.write(dir);
        write(run, "unicon", """
                {"step":0,"trainSeconds":0.0,"metric":"edgeF1","value":0.1}
                {"step":2,"trainSeconds":1.0,"metric":"edgeF1","value":null}
                {"step":4,"trainSeconds":2.0,"metric":"edg""");
        List<CurvePoint> points = CurveFile.read(RunFolder.open(run), "unicon");
        assertEquals(1, points.size());
        assertEquals(null, points.get(0).seed());
        write(run, "unicon", "{\"step\":0,\"metric\":\"edgeF1\",\"value\":0.1}\n{\"step\":2}\n");
        ReportException e = assertThrows(ReportException.class, () -> CurveFile.read(RunFolder.open(run), "unicon"));
        assertTrue(e.getMessage().contains("curve.jsonl:1 must be an object like"), e.getMessage());
        String html = report(run);
        assertTrue(html.contains("Could not read") || html.contains("curve.jsonl:1"), "the report names the bad file");
    }

    @Test
    void theAxisLabelSaysWhichWayIsBetter() {
        assertEquals("depth RMSE, 0-255 (lower is better)", ControlCurveSection.label("depthRmse"));
        assertEquals("mask IoU (higher is better)", ControlCurveSection.label("maskIou"));
    }
}
