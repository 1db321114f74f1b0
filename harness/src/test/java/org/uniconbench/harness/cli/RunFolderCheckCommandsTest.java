package org.uniconbench.harness.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report}, {@code compare}, {@code table}, {@code sync} and {@code reproduce} check the run
 * folder once, before any work: a truncated, unfinished, empty or mistyped {@code summary.json} is
 * exit 2 with the file and the problem, and nothing is made (no re-run, no page, no table).
 */
class RunFolderCheckCommandsTest {

    private static final String GOOD_ROW = "{\"name\":\"backbone\",\"method\":\"none\",\"seed\":0,\"status\":\"completed\","
            + "\"ssim\":0.5}";

    /** A run folder whose summary.json is damaged in one way. */
    private static Path folder(Path parent, String defect) throws IOException {
        Path dir = parent.resolve("smoke-20261129-000000");
        Files.createDirectories(dir);
        Files.copy(CommandLineTest.SMOKE, dir.resolve("experiment.yaml"));
        Files.writeString(dir.resolve("provenance.json"), "{\"device\":\"cpu()\",\"parallel\":\"1\"}\n");
        String whole = "{\"experiment\":\"smoke\",\"status\":\"completed\",\"arms\":[" + GOOD_ROW + "]}\n";
        String summary = switch (defect) {
            case "truncated" -> whole.substring(0, whole.length() / 2);
            case "running" -> whole.replace("\"completed\",\"arms\"", "\"running\",\"arms\"");
            case "empty" -> "{\"experiment\":\"smoke\",\"status\":\"completed\",\"arms\":[]}\n";
            case "mistyped" -> whole.replace("\"ssim\":0.5", "\"ssim\":\"high\"");
            default -> throw new IllegalArgumentException(defect);
        };
        Files.writeString(dir.resolve("summary.json"), summary);
        return dir;
    }

    @ParameterizedTest(name = "{0} of a {1} summary")
    @CsvSource({
        "report, truncated", "report, running", "report, empty", "report, mistyped",
        "compare, truncated", "compare, running", "compare, empty", "compare, mistyped",
        "table, truncated", "table, running", "table, empty", "table, mistyped",
        "sync, truncated", "sync, running", "sync, empty", "sync, mistyped",
        "reproduce, truncated", "reproduce, running", "reproduce, empty", "reproduce, mistyped",
    })
    void aDamagedOrUnfinishedRunFolderExitsTwoNamingTheFileBeforeAnyWork(String command, String defect,
            @TempDir Path tmp) throws IOException {
        Path run = folder(tmp.resolve("runs"), defect);
        Path page = tmp.resolve("compare.html");
        List<String> args = switch (command) {
            case "compare" -> List.of("compare", run.toString(), "--out", page.toString());
            case "sync" -> List.of("sync", run.toString(), "--mlflow", "http://127.0.0.1:9");
            default -> List.of(command, run.toString());
        };
        CommandLineTest.Invocation v = CommandLineTest.unicon(args.toArray(String[]::new));
        assertEquals(2, v.code(), v.err() + v.out());
        String err = v.err();
        assertTrue(err.contains(run.resolve("summary.json").toAbsolutePath().toString()), "names the file: " + err);
        String problem = switch (defect) {
            case "truncated" -> "is not valid JSON";
            case "running" -> "status is \"running\"";
            case "empty" -> "\"arms\" is empty";
            default -> "arms[0].ssim must be a number";
        };
        assertTrue(err.contains(problem), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(List.of(run), CommandLineTest.runFolders(tmp.resolve("runs")), "no reproduction started");
        assertFalse(Files.exists(run.resolve("report.html")) || Files.exists(page), "no page written");
        assertTrue(v.out().isBlank(), "no table printed: " + v.out());
    }
}
