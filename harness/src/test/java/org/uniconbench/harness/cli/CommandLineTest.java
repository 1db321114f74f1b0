package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.reports.RunSummary;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end: exit codes, messages, and a real (tiny) run of experiments/smoke.yaml. */
class CommandLineTest {

    /** experiments/smoke.yaml at the repository root. */
    static final Path SMOKE = Path.of("..", "experiments", "smoke.yaml");

    @TempDir
    static Path shared;

    static Path firstRun;
    static Invocation firstInvocation;

    /** Output and exit code of one invocation. */
    record Invocation(int code, String out, String err) {
    }

    static Invocation unicon(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Invocation(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void runSmokeOnce() throws IOException {
        firstInvocation = unicon("run", SMOKE.toString(), "--output", shared.resolve("runs").toString());
        firstRun = runFolders(shared.resolve("runs")).get(0);
    }

    static List<Path> runFolders(Path output) throws IOException {
        try (Stream<Path> s = Files.list(output)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void smokeRunSucceedsAndWritesTheWholeRunFolder() throws IOException {
        assertEquals(0, firstInvocation.code(), firstInvocation.err());
        for (String file : List.of("experiment.yaml", "provenance.json", "backbone.json", "features.json",
                "summary.json",
                "summary.csv", "report.html", "samples/index.json", "arms/controlnet/metrics.jsonl",
                "arms/unicon/metrics.jsonl", "samples/condition/000.png", "samples/target/003.png",
                "samples/backbone/000.png", "samples/controlnet/000.png", "samples/unicon/003.png")) {
            assertTrue(Files.isRegularFile(firstRun.resolve(file)), "missing " + file);
        }
        JsonNode summary = new ObjectMapper().readTree(firstRun.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertEquals(3, summary.get("arms").size()); // backbone reference + two arms
        JsonNode gate = summary.path("backbone").path("qualityGate");
        for (String key : List.of("passed", "fdClassifier", "floor", "n", "multiple")) {
            assertTrue(gate.has(key), "backbone.qualityGate." + key + " in " + gate);
        }
        assertTrue(gate.get("passed").isNull(), "N = 4 is below 128: the gate is not evaluated");
        for (JsonNode claim : summary.get("claims")) {
            assertTrue(List.of("holds", "does-not-hold", "inconclusive", "not-testable")
                    .contains(claim.get("verdict").asText()), claim.toString());
            assertTrue(!claim.get("reason").asText().isBlank(), claim.toString());
            for (String key : List.of("low", "high", "level", "method", "n")) {
                assertTrue(claim.get("interval").has(key), "interval." + key + " in " + claim);
            }
        }
        for (JsonNode arm : summary.get("arms")) {
            assertEquals("completed", arm.get("status").asText(), arm.toString());
            double ssim = arm.get("ssim").asDouble();
            assertTrue(ssim > -1 && ssim <= 1, "SSIM out of range: " + ssim);
        }
        JsonNode controlnet = summary.get("arms").get(1);
        assertEquals("controlnet", controlnet.get("name").asText());
        assertTrue(controlnet.get("trainableParams").asLong() > 0);
        assertTrue(controlnet.get("medianStepMs").asDouble() > 0);
        // memory measured in fresh JVMs, two passes by default, the in-process figure kept beside it
        assertEquals(2, controlnet.get("memoryPassBytes").size(), controlnet.toString());
        assertTrue(controlnet.get("peakMemoryBytes").asLong() > 0);
        assertTrue(controlnet.get("memoryMethod").asText().contains("fresh JVM"));
        assertTrue(controlnet.has("inProcessPeakMemoryBytes"));
        assertEquals(10, Files.readAllLines(firstRun.resolve("arms/controlnet/metrics.jsonl")).size());
        // the cost model's prediction beside the measurement, with parameters equal to the measured row's
        JsonNode predicted = summary.path("estimate").path("arms").path("controlnet");
        assertEquals(RunSummary.SCHEMA_VERSION, summary.path("schemaVersion").asInt(-1),
                "summary.json names its format");
        assertEquals(controlnet.get("trainableParams").asLong(), predicted.path("trainableParams").asLong());
        assertTrue(predicted.path("activationBytes").asLong() > 0, summary.path("estimate").toString());
    }

    /** Every row and the real-vs-real baseline carry finite feature-space proxies with their N. */
    @Test
    void smokeRunWritesFeatureProxiesWithNAndTheRealVsRealBaseline() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(firstRun.resolve("summary.json").toFile());
        List<String> fields = List.of("fdClassifier", "kidClassifier", "kidClassifierStd", "fdRandom", "kidRandom",
                "kidRandomStd");
        JsonNode floor = summary.get("realVsReal");
        for (JsonNode row : List.of(summary.get("arms").get(0), summary.get("arms").get(1),
                summary.get("arms").get(2), floor)) {
            for (String field : fields) {
                assertTrue(row.get(field).isNumber() && Double.isFinite(row.get(field).asDouble()),
                        field + " in " + row);
            }
            assertTrue(row.get("fdClassifier").asDouble() >= -1e-9 && row.get("fdRandom").asDouble() >= -1e-9,
                    row.toString());
            assertEquals(4, row.get("featureN").asInt(), "N = evaluation.samples");
        }
        // canny condition: mask IoU and depth RMSE do not apply
        assertTrue(summary.get("arms").get(1).get("maskIou").isNull());
        assertTrue(summary.get("arms").get(1).get("depthRmse").isNull());
        JsonNode features = new ObjectMapper().readTree(firstRun.resolve("features.json").toFile());
        double accuracy = features.get("classifier").get("testAccuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals(256, features.get("classifier").get("testImages").asInt());
        assertEquals(16, features.get("classifier").get("cacheKey").asText().length());
        assertEquals(floor.get("fdClassifier").asDouble(), features.get("realVsReal").get("fdClassifier").asDouble());
        assertTrue(Files.readString(firstRun.resolve("report.html")).contains("feature-space proxies, not FID"));
    }

    /** experiments/smoke.yaml's summary written at 949caff, before the run-folder model (see its NOTE.md). */
    static final Path REFERENCE = SmokeReferences.ALL.get(0);

    /**
     * The smoke run is deterministic on the CPU: every summary value but times and memory must equal the
     * reference written before the run-folder model, so a change to the writer or the readers that moves a
     * value fails here.
     */
    @Test
    void smokeRunReproducesTheReferenceSummaryInEveryDeterministicValue() throws IOException {
        Map<String, String> now = DeterministicValues
                .of(new ObjectMapper().readTree(firstRun.resolve("summary.json").toFile()));
        // the reference of this kind of machine (SmokeReferences): equal to one of them, closest reported
        List<String> closest = null;
        Path closestPath = null;
        for (Path path : SmokeReferences.ALL) {
            Map<String, String> reference = DeterministicValues.of(new ObjectMapper().readTree(path.toFile()));
            assertTrue(reference.size() > 400, "the reference has its values: " + reference.size());
            List<String> differences = DeterministicValues.differences(reference, now);
            if (closest == null || differences.size() < closest.size()) {
                closest = differences;
                closestPath = path;
            }
        }
        assertTrue(closest.isEmpty(), closest.size() + " deterministic values differ from " + closestPath
                + " (the closest of " + SmokeReferences.ALL + "):\n"
                + String.join("\n", closest.subList(0, Math.min(40, closest.size()))));
    }

    @Test
    void provenanceRecordsVersionsAndDevice() throws IOException {
        JsonNode p = new ObjectMapper().readTree(firstRun.resolve("provenance.json").toFile());
        assertEquals("0.36.0", p.get("djlVersion").asText());
        assertEquals("2.7.1", p.get("libtorchVersion").asText());
        assertEquals("cpu()", p.get("device").asText());
        assertTrue(p.has("gitCommit") && p.has("javaVersion") && p.has("os") && p.has("finishedAt"));
    }

    @Test
    void secondRunReusesTheCachedBackbone() throws IOException {
        Invocation second = unicon("run", SMOKE.toString(), "--output", shared.resolve("runs").toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("pre-training skipped"), second.out());
        assertTrue(second.out().contains("cached classifier"), second.out());
        List<Path> runs = runFolders(shared.resolve("runs"));
        JsonNode backbone = new ObjectMapper().readTree(runs.get(runs.size() - 1).resolve("backbone.json").toFile());
        assertEquals("cache", backbone.get("source").asText());
        // the same seed on the CPU: the same losses as the first run, bit for bit
        assertEquals(Files.readAllLines(firstRun.resolve("arms/unicon/metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"stepMs.*", "")).toList(),
                Files.readAllLines(runs.get(runs.size() - 1).resolve("arms/unicon/metrics.jsonl")).stream()
                        .map(l -> l.replaceAll(",\"stepMs.*", "")).toList());
    }

    @Test
    void validateBadWidthExitsTwoNamingPathLineAndAllowedRange(@TempDir Path dir) throws IOException {
        String text = Files.readString(SMOKE).replace("width: 0.5", "width: 1.5");
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, text);
        int line = text.lines().toList().indexOf("      width: 1.5") + 1;
        Invocation v = unicon("validate", file.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("arms[1].adapter.width"), v.err());
        assertTrue(v.err().contains("bad.yaml:" + line), v.err());
        assertTrue(v.err().contains("(0, 1]"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    @Test
    void validatePrintsResolvedExperimentWithParameterCounts() {
        Invocation v = unicon("validate", SMOKE.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("trainable_parameters:"), v.out());
        assertTrue(v.out().contains("equals_backbone_at_step_0: false"), "the narrow UniCon arm: " + v.out());
        assertTrue(v.out().contains("learning_rate:"), v.out());
        assertTrue(v.out().contains("connector: zero-ft"), "default connector filled in: " + v.out());
        assertTrue(v.out().contains("backbone_source: "), "what a run will do for the backbone: " + v.out());
    }

    @Test
    void missingExperimentFileExitsTwo() {
        Invocation v = unicon("run", "does-not-exist.yaml");
        assertEquals(2, v.code());
        assertTrue(v.err().contains("not found"), v.err());
    }

    @Test
    void runWithoutAFileOrResumeExitsTwoSayingWhatToGive() {
        Invocation v = unicon("run");
        assertEquals(2, v.code());
        assertTrue(v.err().contains("--resume RUN_DIR"), v.err());
    }

    @Test
    void missingFashionMnistNamesTheDebianPackageAndCreatesNoRunFolder(@TempDir Path dir) throws IOException {
        String text = Files.readString(SMOKE).replace("kind: shapes", "kind: fashion-mnist\n  path: "
                + dir.resolve("nowhere"));
        Path file = dir.resolve("fm.yaml");
        Files.writeString(file, text);
        Invocation v = unicon("run", file.toString(), "--output", dir.resolve("out").toString());
        assertEquals(2, v.code(), v.err() + v.out());
        assertTrue(v.err().contains("dataset-fashion-mnist"), v.err());
        assertFalse(Files.exists(dir.resolve("out")), "no run folder for bad input");
    }

    @Test
    void reportOfAFolderThatIsNotARunExitsTwo(@TempDir Path dir) {
        Invocation v = unicon("report", dir.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("summary.json"), v.err());
    }

    @Test
    void reportRebuildsTheReportFromTheRunFolder() throws IOException {
        Path report = firstRun.resolve("report.html");
        Files.delete(report);
        Invocation v = unicon("report", firstRun.toString());
        assertEquals(0, v.code(), v.err());
        String html = Files.readString(report);
        assertTrue(html.contains("controlnet") && html.contains("unicon"));
    }

    @Test
    void runsListsRunFoldersWithStatus() {
        Invocation v = unicon("runs", "--output", shared.resolve("runs").toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains(firstRun.getFileName().toString()), v.out());
        assertTrue(v.out().contains("completed"), v.out());
    }

    /** summary.csv and runs --csv of the real smoke run: one line per arm and seed, the run's commit beside it. */
    @Test
    void runsCsvExportsEveryRowOfTheSmokeRunAsSummaryCsvHasThem() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(firstRun.resolve("summary.json").toFile());
        int rows = summary.get("arms").size();
        List<String> csv = Files.readAllLines(firstRun.resolve("summary.csv"));
        assertTrue(csv.get(0).startsWith("name,method,seed,status,"), csv.get(0));
        assertEquals(1 + rows, csv.size(), "header and one line per arm and seed");
        Invocation v = unicon("runs", "--csv", shared.resolve("runs").toString());
        assertEquals(0, v.code(), v.err());
        List<String> lines = v.out().lines().toList();
        assertTrue(lines.get(0).startsWith("run,experiment,commit,date,name,method,seed,status,"), lines.get(0));
        String commit = new ObjectMapper().readTree(firstRun.resolve("provenance.json").toFile()).get("gitCommit")
                .asText();
        List<String> mine = lines.stream().filter(l -> l.startsWith(firstRun.getFileName() + ",")).toList();
        assertEquals(rows, mine.size(), v.out());
        assertTrue(mine.get(0).startsWith(firstRun.getFileName() + ",smoke," + commit + ","), mine.get(0));
        assertEquals(csv.get(0).split(",").length + 4, lines.get(0).split(",").length,
                "summary.csv's columns and four more");
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithExitTwo() {
        assertEquals(2, unicon("frobnicate").code());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : List.of("run", "validate", "report", "runs", "reproduce", "table", "compare")) {
            Invocation v = unicon(command, "--help");
            assertEquals(0, v.code(), command);
            assertTrue(v.out().contains("Usage: unicon " + command), v.out());
        }
    }

    @Test
    void transformerSmokeRunTrainsControlNetAndUniconOnTheDiT() throws IOException {
        Path output = shared.resolve("runs-dit");
        // the same data as smoke.yaml: reuse its cached feature classifier (not its backbone: another kind)
        Files.createDirectories(output.resolve(".cache"));
        try (Stream<Path> cached = Files.list(shared.resolve("runs").resolve(".cache"))) {
            for (Path file : cached.filter(p -> p.getFileName().toString().startsWith("classifier-")).toList()) {
                Files.copy(file, output.resolve(".cache").resolve(file.getFileName()));
            }
        }
        Invocation run = unicon("run", SMOKE.getParent().resolve("smoke-dit.yaml").toString(), "--output",
                output.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode summary = new ObjectMapper().readTree(runFolders(output).get(0).resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        Map<String, JsonNode> arms = new java.util.HashMap<>();
        summary.get("arms").forEach(a -> arms.put(a.get("name").asText(), a));
        assertEquals("encoder", arms.get("controlnet").get("scope").asText());
        assertEquals("bidirectional", arms.get("controlnet").get("flow").asText());
        assertEquals("full", arms.get("unicon").get("scope").asText());
        assertEquals("unidirectional", arms.get("unicon").get("flow").asText());
        for (String arm : List.of("controlnet", "unicon")) {
            assertEquals("completed", arms.get(arm).get("status").asText(), arms.get(arm).toString());
            assertTrue(Double.isFinite(arms.get(arm).get("finalLoss").asDouble()));
        }
    }

    @Test
    void tablePrintsTheRunsArmsRatiosAndClaimsAsMarkdown() {
        Invocation table = unicon("table", firstRun.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("| controlnet | encoder, bidirectional, zero-conv, width 1.0 | 1 |"),
                table.out());
        assertTrue(table.out().contains("| unicon / controlnet | 1 |"), table.out());
        assertTrue(table.out().contains("| claim | reading | paper | arms | ours | interval | verdict | reason |"),
                table.out());
        assertTrue(table.out().contains("Backbone quality gate: **not evaluated**"), table.out());
        assertTrue(table.out().contains("**not testable**"), "N = 4: the gate is not evaluated\n" + table.out());
        assertTrue(!table.out().contains("95%"), "one seed: nothing is called a 95% interval\n" + table.out());
    }

    @Test
    void tableOfAFolderThatIsNotARunExitsTwo(@TempDir Path dir) {
        Invocation table = unicon("table", dir.toString());
        assertEquals(2, table.code());
        assertTrue(table.err().contains("is not a run folder"), table.err());
    }

    @Test
    void everyExperimentFileInTheRepositoryValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SMOKE.getParent())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path file : files) {
            Invocation v = unicon("validate", file.toString());
            assertEquals(0, v.code(), file + ": " + v.err());
            String name = file.getFileName().toString().replace(".yaml", "");
            assertTrue(v.out().contains("name: " + name), "file name matches the experiment name: " + file);
        }
    }

    @Test
    void anUnreachableMlflowServerDoesNotStopTheRun(@TempDir Path dir) throws IOException {
        Invocation v = unicon("run", SMOKE.toString(), "--output", dir.toString(), "--mlflow", "http://127.0.0.1:9");
        assertEquals(0, v.code(), v.err());
        Path run = runFolders(dir).get(0);
        assertTrue(v.out().contains("unicon sync " + run + " --mlflow http://127.0.0.1:9"),
                "says how to upload later: " + v.out());
        assertEquals(1, v.out().split("is unreachable", -1).length - 1, "one complaint for all the syncs: " + v.out());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "the run finished");
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertEquals(4, summary.get("claims").size(), "the paper's claims are always listed");
    }
}
