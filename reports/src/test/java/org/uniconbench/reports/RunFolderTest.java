package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void readsSummaryRowsWithNullsAsNull() {
        RunSummary s = RunFolder.open(FakeRun.write(dir)).summary();
        assertEquals("quickstart", s.experiment());
        assertEquals("partial", s.status());
        assertEquals(List.of("backbone", "controlnet", "unicon", "unicon-wide"),
                s.arms().stream().map(ArmResult::name).toList());
        ArmResult backbone = s.arm("backbone").orElseThrow();
        assertTrue(backbone.isBackbone());
        assertNull(backbone.trainableParams());
        assertNull(backbone.width());
        ArmResult cn = s.arm("controlnet").orElseThrow();
        assertEquals(1_234_567L, cn.trainableParams());
        assertEquals(123_456_789L, cn.peakMemoryBytes());
        assertEquals(16, cn.batchSize());
        assertEquals(0.6123, cn.ssim());
        ArmResult failed = s.arm("unicon-wide").orElseThrow();
        assertTrue(failed.failed());
        assertEquals(FakeRun.ERROR, failed.error());
    }

    @Test
    void provenanceKeepsFileOrder() {
        var p = RunFolder.open(FakeRun.write(dir)).provenance();
        assertEquals("gitCommit", p.keySet().iterator().next());
        assertEquals("cpu()", p.get("device"));
    }

    @Test
    void lossSeriesReadsStepAndLossInOrder() {
        List<LossPoint> loss = RunFolder.open(FakeRun.write(dir)).lossSeries("controlnet");
        assertEquals(40, loss.size());
        assertEquals(new LossPoint(10, 1.0), loss.get(0));
        assertEquals(400, loss.get(39).step());
        assertEquals(0.05, loss.get(39).loss(), 1e-9);
    }

    @Test
    void lossSeriesIsEmptyForArmWithoutMetrics() {
        assertEquals(List.of(), RunFolder.open(FakeRun.write(dir)).lossSeries("backbone"));
    }

    @Test
    void lossSeriesSkipsNullNanAndTruncatedLastLine() throws IOException {
        FakeRun.write(dir);
        Files.writeString(dir.resolve("arms/unicon/metrics.jsonl"),
                "{\"step\":1,\"loss\":0.5}\n\n{\"step\":2,\"loss\":null}\n{\"step\":3,\"loss\":NaN}\n{\"step\":4,\"loss\":0.25}\n{\"step\":5,\"lo");
        assertEquals(List.of(new LossPoint(1, 0.5), new LossPoint(4, 0.25)),
                RunFolder.open(dir).lossSeries("unicon"));
    }

    @Test
    void lossSeriesRejectsBadLineNamingFileAndLine() throws IOException {
        FakeRun.write(dir);
        Files.writeString(dir.resolve("arms/unicon/metrics.jsonl"),
                "{\"step\":1,\"loss\":0.5}\nnot json\n{\"step\":3,\"loss\":0.2}\n");
        ReportException e = assertThrows(ReportException.class, () -> RunFolder.open(dir).lossSeries("unicon"));
        assertTrue(e.getMessage().contains("metrics.jsonl:2 is not valid JSON"), e.getMessage());
    }

    @Test
    void sampleIndexReadsCountAndColumns() {
        RunFolder run = RunFolder.open(FakeRun.write(dir));
        SampleIndex idx = run.sampleIndex().orElseThrow();
        assertEquals(new SampleIndex(FakeRun.SAMPLES, FakeRun.COLUMNS), idx);
        assertTrue(Files.isRegularFile(run.samplePath("unicon", 1)));
        assertEquals("001.png", run.samplePath("unicon", 1).getFileName().toString());
    }

    @Test
    void optionalFilesMissingGiveEmptyResults() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"experiment\":\"e\",\"arms\":[]}");
        RunFolder run = RunFolder.open(dir);
        assertTrue(run.provenance().isEmpty());
        assertTrue(run.sampleIndex().isEmpty());
        assertTrue(run.experimentYaml().isEmpty());
        assertNull(run.summary().status());
    }

    @Test
    void refusesNamesThatWouldLeaveTheRunFolder() {
        RunFolder run = RunFolder.open(FakeRun.write(dir));
        assertThrows(ReportException.class, () -> run.lossSeries("../../etc"));
        assertThrows(ReportException.class, () -> run.samplePath("..", 0));
    }

    @Test
    void wrongFieldTypeNamesTheFieldPath() throws IOException {
        Files.writeString(dir.resolve("summary.json"),
                "{\"experiment\":\"e\",\"arms\":[{\"name\":\"a\"},{\"name\":\"b\",\"ssim\":\"high\"}]}");
        ReportException e = assertThrows(ReportException.class, () -> RunFolder.open(dir));
        assertTrue(e.getMessage().contains("arms[1].ssim must be a number or null, found \"high\""), e.getMessage());
    }

    @Test
    void summaryWithoutArmsArraySaysSo() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"experiment\":\"e\"}");
        ReportException e = assertThrows(ReportException.class, () -> RunFolder.open(dir));
        assertTrue(e.getMessage().contains("\"arms\" must be an array"), e.getMessage());
    }

    @Test
    void aFolderWithoutASchemaVersionReadsAsVersion0AndANewerOneIsRefusedWithTheFix() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"experiment\":\"e\",\"arms\":[]}");
        assertEquals(0, RunFolder.open(dir).summary().schemaVersion());
        Files.writeString(dir.resolve("summary.json"), "{\"schemaVersion\":1,\"experiment\":\"e\",\"arms\":[]}");
        assertEquals(1, RunFolder.open(dir).summary().schemaVersion());
        Files.writeString(dir.resolve("summary.json"),
                "{\"schemaVersion\":" + (RunSummary.SCHEMA_VERSION + 1) + ",\"experiment\":\"e\",\"arms\":[]}");
        ReportException e = assertThrows(ReportException.class, () -> RunFolder.open(dir));
        assertTrue(e.getMessage().contains("schemaVersion = " + (RunSummary.SCHEMA_VERSION + 1))
                && e.getMessage().contains("the harness version that wrote it"), e.getMessage());
    }
}
