package org.uniconbench.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deterministic values decide a reproduction; times and memory, which a loaded machine moves, are
 * reported against their tolerance and count only when strict.
 */
class ReproductionTest {

    private static final String ROW = "{\"name\":\"unicon\",\"seed\":0,\"status\":\"completed\",\"finalLoss\":0.125,"
            + "\"ssim\":0.5,\"trainableParams\":1000,\"medianStepMs\":%s,\"p90StepMs\":%s,\"peakMemoryBytes\":%s,"
            + "\"inProcessPeakMemoryBytes\":%s}";

    private static Path run(Path dir, String name, String row) throws IOException {
        Path run = dir.resolve(name);
        Files.createDirectories(run);
        Files.writeString(run.resolve("summary.json"), "{\"status\":\"completed\",\"arms\":[" + row + "]}");
        Files.writeString(run.resolve("provenance.json"), "{\"device\":\"cpu()\"}");
        return run;
    }

    private static String print(Reproduction.Report report, Path a, Path b, boolean strict) {
        StringWriter text = new StringWriter();
        Reproduction.print(report, a, b, strict, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void timesAndMemoryOutsideTheirToleranceAreReportedButCountOnlyWhenStrict(@TempDir Path dir) throws IOException {
        Path original = run(dir, "a", String.format(ROW, "50.0", "60.0", "1000000", "900000"));
        // a loaded machine: steps three times slower, p90 ten times, memory doubled; every deterministic value equal
        Path loaded = run(dir, "b", String.format(ROW, "150.0", "600.0", "2000000", "1800000"));
        Reproduction.Report report = Reproduction.compare(original, loaded, Reproduction.TIME_TOLERANCE,
                Reproduction.MEMORY_TOLERANCE);
        assertTrue(report.agrees(), "deterministic values agree");
        assertFalse(report.agrees(true), "strict counts the measurements");
        String out = print(report, original, loaded, false);
        assertTrue(out.contains("reproduced: all 6 deterministic values agree"), out);
        assertTrue(out.contains("measurements (times, memory): 0 of 4 within tolerance; 4 outside, not counted"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("p90StepMs") && l.contains(" outside (time, within 25%)")),
                out);
        String strict = print(report, original, loaded, true);
        assertTrue(strict.contains("NOT reproduced: 4 of 10 values differ"), strict);
    }

    @Test
    void aDeterministicValueThatDiffersFailsWhateverTheMeasurements(@TempDir Path dir) throws IOException {
        Path original = run(dir, "a", String.format(ROW, "50.0", "60.0", "1000000", "900000"));
        Path changed = run(dir, "b", String.format(ROW, "50.0", "60.0", "1000000", "900000")
                .replace("\"ssim\":0.5", "\"ssim\":0.5000001"));
        Reproduction.Report report = Reproduction.compare(original, changed, Reproduction.TIME_TOLERANCE,
                Reproduction.MEMORY_TOLERANCE);
        assertFalse(report.agrees());
        assertTrue(print(report, original, changed, false)
                .contains("NOT reproduced: 1 of 6 values differ: unicon seed 0 ssim"));
    }
}
