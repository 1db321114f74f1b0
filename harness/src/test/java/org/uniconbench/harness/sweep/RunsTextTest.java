package org.uniconbench.harness.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.reports.ReportException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text table {@code unicon sweep} and {@code compare} print, on run folders written by the real
 * writer ({@link RunStore#writeSummary}): one line per arm and seed, the sweep point named, the
 * backbone row left out, a missing number shown as {@code -}.
 */
class RunsTextTest {

    private static Map<String, Object> row(String name, long seed, Object loss, Double ssim) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("seed", seed);
        r.put("status", "completed");
        r.put("trainableParams", 1234567L);
        r.put("finalLoss", loss);
        r.put("ssim", ssim);
        r.put("psnr", 20.123);
        return r;
    }

    private static Path run(Path output, String experiment, List<Map<String, Object>> rows) {
        return run(output, experiment, rows, null);
    }

    /** A run folder with these rows and, when {@code point} is not null, a sweep-point.json of these values. */
    private static Path run(Path output, String experiment, List<Map<String, Object>> rows, Map<String, Object> point) {
        RunStore store = RunStore.create(output, experiment);
        if (point != null) {
            store.writeJson(RunsText.POINT_FILE, Map.of("values", point));
        }
        store.writeSummary(new LinkedHashMap<>(Map.of("experiment", experiment, "status", "completed")), rows);
        return store.dir();
    }

    private static List<String> print(List<Path> dirs) {
        StringWriter text = new StringWriter();
        RunsText.print(dirs, new PrintWriter(text));
        return text.toString().lines().toList();
    }

    @Test
    void printsOneLinePerArmAndSeedWithThePointAndWithoutTheBackboneRow(@TempDir Path tmp) {
        Path swept = run(tmp, "grid-p0", List.of(row("backbone", 0, null, 0.1), row("uc", 0, 0.12345, 0.5),
                row("uc", 1, 0.2, null)), Map.of("training.steps", 20));
        Path plain = run(tmp, "single", List.of(row("cn", 3, 0.3, 0.75)));
        List<String> lines = print(List.of(swept, plain));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("run "), lines.get(0));
        List<String> first = List.of(lines.get(1).trim().split("\\s+"));
        assertEquals(List.of(swept.getFileName().toString(), "training.steps=20", "uc", "0", "completed",
                "1,234,567", "0.1235", "0.500", "20.12", "-"), first);
        List<String> second = List.of(lines.get(2).trim().split("\\s+"));
        assertEquals("-", second.get(7), "no ssim in the row: " + lines.get(2));
        List<String> third = List.of(lines.get(3).trim().split("\\s+"));
        assertEquals(List.of(plain.getFileName().toString(), "-", "cn", "3"), third.subList(0, 4));
    }

    @Test
    void aLossTheWriterSpelledAsTextIsADashAndTheOtherLossesStillPrint(@TempDir Path tmp) {
        Path dir = run(tmp, "diverged", List.of(row("a", 0, Double.NaN, 0.5), row("b", 0, 0.25, 0.5)));
        List<String> lines = print(List.of(dir));
        assertEquals("-", lines.get(1).trim().split("\\s+")[6], lines.get(1));
        assertEquals("0.2500", lines.get(2).trim().split("\\s+")[6], lines.get(2));
    }

    @Test
    void aFolderWithoutASummaryIsRefusedNamingTheFile(@TempDir Path tmp) {
        ReportException e = assertThrows(ReportException.class, () -> print(List.of(tmp)));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
    }
}
