package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metric declaration: one entry per key, and the reader and the tables follow it. */
class MetricTest {

    @Test
    void everyKeyIsDeclaredOnceAndEveryComparedMetricHasAShortLabel() {
        Set<String> keys = new HashSet<>();
        for (Metric m : Metric.all()) {
            assertTrue(keys.add(m.key()), "declared twice: " + m.key());
            assertEquals(m, Metric.byKey(m.key()).orElseThrow());
            if (m.compared()) {
                assertNotNull(m.ratioLabel(), m.key());
            }
        }
        assertEquals(List.of("trainableParams", "peakMemoryBytes", "medianStepMs", "timedStepMs", "ssim", "edgeF1",
                "psnr"),
                Metric.keys(Metric.ratios()));
        assertEquals("peak memory MiB", Metric.PEAK_MEMORY.header());
        assertEquals("PSNR dB", Metric.PSNR.header());
    }

    /** The reader types a row's metrics from the declaration: a declared key needs no field of its own. */
    @Test
    void everyDeclaredMetricOfARowReadsThroughTheModel(@TempDir Path dir) throws IOException {
        StringBuilder row = new StringBuilder(
                "{\"name\":\"a\",\"method\":\"unicon\",\"seed\":0,\"status\":\"completed\"");
        List<Metric> all = Metric.all();
        for (int i = 0; i < all.size(); i++) {
            row.append(",\"").append(all.get(i).key()).append("\":").append(i + 1);
        }
        row.append('}');
        Files.writeString(dir.resolve(RunFolder.SUMMARY), "{\"schemaVersion\":1,\"arms\":[" + row + "]}");
        ArmResult arm = RunFolder.open(dir).summary().arms().get(0);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1.0, arm.metric(all.get(i)), all.get(i).key());
        }
        assertEquals(all.size(), arm.metrics().size());
    }

    @Test
    void aFieldsKindIsItsDeclaredMetricsElseFollowsItsName() {
        assertEquals(Metric.Kind.MEMORY, Metric.Kind.of("peakMemoryBytes"));
        assertEquals(Metric.Kind.TIME, Metric.Kind.of("imagesPerSecond"));
        assertEquals(Metric.Kind.TIME, Metric.Kind.of("timedStepMs"), "the interleaved step is a time");
        assertEquals(Metric.Kind.DETERMINISTIC, Metric.Kind.of("ssim"));
        assertEquals(Metric.Kind.TIME, Metric.Kind.of("p90StepMs"), "undeclared, in ms");
        assertEquals(Metric.Kind.TIME, Metric.Kind.of("trainSeconds"), "undeclared, in seconds");
        assertEquals(Metric.Kind.MEMORY, Metric.Kind.of("inProcessPeakMemoryBytes"), "undeclared memory figure");
        assertEquals(Metric.Kind.DETERMINISTIC, Metric.Kind.of("frozenParams"));
    }
}
