package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A small run folder in the layout {@code RunStore} writes: two arms, two seeds, a backbone row,
 * metric lines with a {@code seed} field (as multi-seed runs write them), samples and a report. The
 * experiment name is unique so that tests sharing one server do not see each other's runs.
 */
final class FakeRunFolder {

    static final String COMMIT = "f14eb03de90fef9f60f93c4edce0841a2e31dedc";
    static final String[] STEP_KEYS = {"loss", "stepMs", "forwardMs", "backwardMs", "optimizerMs"};
    private static final ObjectMapper LINE = new ObjectMapper();

    final String experiment;
    final Path dir;
    /** Steps per arm and seed: controlnet needs two log-batch calls per child (250 x 5 > 1000). */
    final Map<String, Integer> steps = Map.of("controlnet", 250, "unicon", 30);

    private FakeRunFolder(String experiment, Path dir) {
        this.experiment = experiment;
        this.dir = dir;
    }

    static FakeRunFolder write(Path parent) throws IOException {
        String name = "tracking-" + UUID.randomUUID().toString().substring(0, 8);
        FakeRunFolder f = new FakeRunFolder(name, parent.resolve(name + "-20261125-120000"));
        Files.createDirectories(f.dir);
        Files.writeString(f.dir.resolve("experiment.yaml"), """
                # Resolved experiment: every key present, defaults filled in.
                name: %s
                description: 'fake run: two arms, two seeds'
                seeds: [0, 1]
                device: auto
                output: runs

                dataset:
                  kind: shapes
                  resolution: 16
                  path: null

                backbone:
                  channels: [8, 16]
                  pretrain:
                    steps: 20
                    learning_rate: 0.001

                diffusion:
                  beta_start: 1.0E-4

                arms:
                - name: controlnet
                  method: controlnet
                  adapter:
                    width: 1.0
                    depth: 1
                    connector: zero-conv
                - name: unicon
                  method: unicon
                  adapter:
                    width: 0.5
                    depth: 1
                    connector: zero-ft

                training:
                  steps: 250
                """.formatted(name));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("gitCommit", COMMIT);
        provenance.put("gitDirty", "false");
        provenance.put("javaVersion", "17.0.15");
        provenance.put("djlVersion", "0.36.0");
        provenance.put("libtorchVersion", "2.7.1");
        provenance.put("device", "cpu()");
        provenance.put("startedAt", "2026-11-25T12:00:00Z");
        provenance.put("finishedAt", "2026-11-25T12:05:00Z");
        Files.writeString(f.dir.resolve("provenance.json"), LINE.writeValueAsString(provenance));

        Random random = new Random(42);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> backbone = new LinkedHashMap<>();
        backbone.put("name", "backbone");
        backbone.put("method", "none");
        backbone.put("seed", 0);
        backbone.put("status", "completed");
        backbone.put("error", null);
        backbone.put("frozenParams", 40489);
        backbone.put("ssim", random.nextDouble());
        rows.add(backbone);
        for (int seed : new int[] {0, 1}) {
            for (String arm : new String[] {"controlnet", "unicon"}) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", arm);
                row.put("method", arm);
                row.put("seed", seed);
                row.put("status", "completed");
                row.put("error", null);
                row.put("width", arm.equals("unicon") ? 0.5 : 1.0);
                row.put("depth", 1);
                row.put("connector", arm.equals("unicon") ? "zero-ft" : "zero-conv");
                row.put("trainableParams", arm.equals("unicon") ? 18353 : 26016);
                row.put("adapterChannels", arm.equals("unicon") ? List.of(4, 8) : List.of(8, 16));
                row.put("peakMemoryBytes", null); // not numeric: no metric
                row.put("finalLoss", random.nextDouble());
                row.put("medianStepMs", 20 + random.nextDouble());
                row.put("ssim", random.nextDouble());
                rows.add(row);
                f.appendSteps(arm, seed, 1, f.steps.get(arm), random);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("experiment", name);
        summary.put("description", "fake run: two arms, two seeds");
        summary.put("status", "completed");
        summary.put("arms", rows);
        Files.writeString(f.dir.resolve("summary.json"),
                LINE.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        Files.writeString(f.dir.resolve("summary.csv"), "name,method,seed\nbackbone,none,0\n");
        Files.writeString(f.dir.resolve("report.html"), "<!doctype html><title>" + name + "</title><p>report</p>\n");
        Files.writeString(f.dir.resolve("backbone.json"), "{\"source\":\"cache\"}\n"); // not uploaded
        for (String column : new String[] {"condition", "controlnet"}) {
            byte[] png = new byte[300 + random.nextInt(200)];
            random.nextBytes(png);
            Files.createDirectories(f.dir.resolve("samples").resolve(column));
            Files.write(f.dir.resolve("samples").resolve(column).resolve("000.png"), png);
        }
        Files.writeString(f.dir.resolve("samples/index.json"),
                "{\"count\":1,\"columns\":[\"condition\",\"controlnet\"]}\n");
        return f;
    }

    /** Appends metric lines {@code from..to} for an arm and seed, as training going on would. */
    void appendSteps(String arm, int seed, int from, int to, Random random) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int step = from; step <= to; step++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step);
            line.put("loss", random.nextDouble());
            line.put("stepMs", 10 + 40 * random.nextDouble());
            line.put("dataMs", random.nextDouble());
            line.put("forwardMs", 10 * random.nextDouble());
            line.put("backwardMs", 10 * random.nextDouble());
            line.put("optimizerMs", 5 * random.nextDouble());
            line.put("seed", seed);
            text.append(LINE.writeValueAsString(line)).append('\n');
        }
        Path file = metrics(arm);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    Path metrics(String arm) {
        return dir.resolve("arms").resolve(arm).resolve("metrics.jsonl");
    }

    String folderName() {
        return dir.getFileName().toString();
    }

    /** What the file says for one metric of one arm and seed: (step, value) in file order. */
    List<double[]> points(String arm, int seed, String key) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String text : Files.readAllLines(metrics(arm))) {
            var line = LINE.readTree(text);
            if (line.path("seed").asInt() == seed) {
                points.add(new double[] {line.get("step").asLong(), line.get(key).asDouble()});
            }
        }
        return points;
    }
}
