package org.uniconbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code summary.csv} and {@code unicon runs --csv} on run folders written by the real writer
 * ({@link RunStore#writeSummary}): every row of every run, a damaged run left out with a warning
 * naming its file while the others are still exported, and a folder with no runs refused.
 */
class RunsCsvTest {

    private static Map<String, Object> row(String name, String method, long seed, Double ssim) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("method", method);
        r.put("seed", seed);
        r.put("status", "completed");
        r.put("trainableParams", "none".equals(method) ? null : 1234L);
        r.put("ssim", ssim);
        r.put("memoryPassBytes", List.of(100L, 200L));
        if ("unicon".equals(method)) {
            r.put("adapterInit", "zero"); // a field added later: becomes a column with no code change
        }
        return r;
    }

    /** A run folder with a backbone row and an arm over two seeds, as the runner writes it. */
    private static Path run(Path output, String experiment, String commit) {
        RunStore store = RunStore.create(output, experiment);
        store.writeJson("provenance.json", Map.of("gitCommit", commit, "startedAt", "2026-11-29T10:00:00Z"));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("experiment", experiment);
        header.put("status", "completed");
        store.writeSummary(header, List.of(row("backbone", "none", 0, 0.1), row("unicon", "unicon", 0, 0.5),
                row("unicon", "unicon", 1, 0.25)));
        return store.dir();
    }

    @Test
    void summaryCsvHasTheRowsFieldsAsHeaderAndOneLinePerArmAndSeed(@TempDir Path tmp) throws IOException {
        Path dir = run(tmp, "smoke", "abc123");
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals("name,method,seed,status,trainableParams,ssim,memoryPassBytes,adapterInit", lines.get(0));
        assertEquals(List.of("backbone,none,0,completed,,0.1,\"[100,200]\",",
                "unicon,unicon,0,completed,1234,0.5,\"[100,200]\",zero",
                "unicon,unicon,1,completed,1234,0.25,\"[100,200]\",zero"), lines.subList(1, lines.size()));
    }

    @Test
    void runsCsvExportsEveryRowOfEveryRunWithRunExperimentCommitAndDate(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        Path a = run(runs, "smoke", "abc123");
        Path b = run(runs, "sweep", "def456");
        Files.createDirectories(runs.resolve("starting-20261129-000000")); // no summary.json yet: no rows
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", runs.toString());
        assertEquals(0, v.code(), v.err());
        List<String> lines = v.out().lines().toList();
        assertEquals("run,experiment,commit,date,name,method,seed,status,trainableParams,ssim,memoryPassBytes,"
                + "adapterInit", lines.get(0));
        assertEquals(1 + 6, lines.size(), v.out());
        assertEquals(a.getFileName() + ",smoke,abc123,2026-11-29T10:00:00Z,backbone,none,0,completed,,0.1,"
                + "\"[100,200]\",", lines.get(1));
        assertEquals(b.getFileName() + ",sweep,def456,2026-11-29T10:00:00Z,unicon,unicon,1,completed,1234,0.25,"
                + "\"[100,200]\",zero", lines.get(6));
        assertTrue(v.err().contains("exported 6 rows of 2 runs"), v.err());

        Path file = tmp.resolve("out/all.csv");
        CommandLineTest.Invocation toFile = CommandLineTest.unicon("runs", "--output", runs.toString(), "--csv",
                "--out", file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        assertEquals(v.out(), Files.readString(file), "--csv without DIR reads --output; --out writes the file");
        assertTrue(toFile.out().isEmpty(), toFile.out());
    }

    @Test
    void aCorruptSummaryInOneOfManyRunsIsNamedAndTheOthersAreStillExported(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        Path a = run(runs, "smoke", "abc123");
        Path broken = run(runs, "broken", "bad000");
        Path c = run(runs, "sweep", "def456");
        String whole = Files.readString(broken.resolve("summary.json"));
        Files.writeString(broken.resolve("summary.json"), whole.substring(0, whole.length() / 2));
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", runs.toString());
        assertEquals(1, v.code(), "rows exported but incomplete: " + v.err());
        assertTrue(v.err().contains("warning: left out: " + broken.resolve("summary.json").toAbsolutePath()
                + " is not valid JSON"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
        List<String> lines = v.out().lines().toList();
        assertEquals(1 + 6, lines.size(), v.out());
        assertTrue(
                lines.get(1).startsWith(c.getFileName() + ",sweep,") || lines.get(1).startsWith(a.getFileName() + ","),
                lines.get(1));
        assertTrue(lines.stream().noneMatch(l -> l.contains("bad000")), v.out());
        assertEquals(2, lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count());

        // the plain listing still lists every run, the damaged one as unreadable
        CommandLineTest.Invocation list = CommandLineTest.unicon("runs", "--output", runs.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(a.getFileName().toString()) && list.out().contains(c.getFileName().toString())
                && list.out().contains(broken.getFileName() + " ") && list.out().contains("unreadable"), list.out());
    }

    @Test
    void aMistypedFieldInOneOfManyRunsNamesTheFileAndTheFieldAndTheOthersAreStillExported(@TempDir Path tmp)
            throws IOException {
        Path runs = tmp.resolve("runs");
        Path a = run(runs, "smoke", "abc123");
        Path broken = run(runs, "broken", "bad000");
        Path file = broken.resolve("summary.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"ssim\" : 0.5", "\"ssim\" : \"high\""));
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", runs.toString());
        assertEquals(1, v.code(), v.err());
        assertTrue(v.err().contains("warning: left out: " + file.toAbsolutePath() + ": arms[1].ssim must be a number"),
                v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
        List<String> lines = v.out().lines().toList();
        assertEquals(1 + 3, lines.size(), v.out());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith(a.getFileName() + ",smoke,abc123,")), v.out());
    }

    @Test
    void runsThatAreAllUnreadableAreBadInputWithEachFileNamed(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        Path first = run(runs, "one", "abc123");
        Path second = run(runs, "two", "def456");
        Files.writeString(first.resolve("summary.json"), "");
        Files.writeString(second.resolve("summary.json"), "{\"experiment\":\"two\"}\n");
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", runs.toString());
        assertEquals(2, v.code(), v.err());
        assertTrue(v.err().contains("warning: left out: " + first.resolve("summary.json").toAbsolutePath()), v.err());
        assertTrue(v.err().contains("warning: left out: " + second.resolve("summary.json").toAbsolutePath()
                + ": \"arms\" must be an array"), v.err());
        assertTrue(v.err().contains(runs.toAbsolutePath() + " has no readable run folders"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
        assertTrue(v.out().isEmpty(), "no header without rows: " + v.out());
    }

    @Test
    void aDamagedProvenanceKeepsTheRunsRowsWithoutCommitAndWarnsNamingTheFile(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        Path a = run(runs, "smoke", "abc123");
        Files.writeString(a.resolve("provenance.json"), "[\"not an object\"]\n");
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", runs.toString());
        assertEquals(1, v.code(), v.err());
        assertTrue(
                v.err().contains(
                        "warning: " + a.resolve("provenance.json").toAbsolutePath() + " must be a JSON object"),
                v.err());
        List<String> lines = v.out().lines().toList();
        assertEquals(1 + 3, lines.size(), v.out());
        assertTrue(lines.get(1).startsWith(a.getFileName() + ",smoke,,,backbone,"), lines.get(1));
    }

    @Test
    void aFolderWithNoRunsIsBadInputNamingTheFolder(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("runs"));
        CommandLineTest.Invocation v = CommandLineTest.unicon("runs", "--csv", empty.toString());
        assertEquals(2, v.code(), v.err());
        assertTrue(v.err().contains(empty.toAbsolutePath() + " has no run folders"), v.err());
        assertTrue(v.out().isEmpty(), "no header without rows: " + v.out());

        CommandLineTest.Invocation outAlone = CommandLineTest.unicon("runs", "--output", empty.toString(), "--out",
                tmp.resolve("x.csv").toString());
        assertEquals(2, outAlone.code(), outAlone.err());
        assertTrue(outAlone.err().contains("add --csv"), outAlone.err());

        CommandLineTest.Invocation missing = CommandLineTest.unicon("runs", "--csv", tmp.resolve("nope").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope is not a folder"), missing.err());
    }
}
