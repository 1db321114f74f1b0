package org.uniconbench.harness.cli;

import static org.uniconbench.harness.cli.CommandLineTest.unicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uniconbench.harness.cli.CommandLineTest.Invocation;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.lr_search.tuning_seed}: each arm searches once, from a seed that is not
 * evaluated, before any arm trains; every evaluated seed of the arm trains at that rate and its row
 * carries the one search. A tuning seed that is also an evaluated seed is bad input (exit 2).
 */
class TuningSeedSearchRunTest {

    private static final String EXPERIMENT = """
            name: tuning
            seeds: [0, 1]
            dataset: {kind: shapes, resolution: 16, train_size: 64, eval_size: 4}
            backbone:
              channels: [8, 16]
              res_blocks: 1
              groups: 4
              pretrain: {steps: 20, batch_size: 8, learning_rate: 1.0e-3}
            arms:
              - name: controlnet
                method: controlnet
              - name: distilled
                method: unicon
                adapter: {width: 0.5, init: distill, distill_steps: 3}
            training:
              steps: 4
              batch_size: 4
              learning_rate: 1.0e-4
              log_every: 2
              lr_search: {rates: [1.0e-5, 3.0e-3], steps: 3, tuning_seed: %d}
            evaluation: {samples: 4, sampler_steps: 3, memory_passes: 0}
            """;

    @Test
    void eachArmSearchesOnceFromTheTuningSeedAndEverySeedTrainsAtItsChoice(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tuning.yaml");
        Files.writeString(file, EXPERIMENT.formatted(7));
        Invocation run = unicon("run", file.toString(), "--output", dir.resolve("runs").toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("[search distilled] [distill] step 3/3"), run.out());
        assertTrue(run.out().contains("[search distilled] [lr-search] step 6/6"), run.out());
        assertTrue(run.out().contains("[search controlnet] chose learning rate"), run.out());
        assertTrue(run.out().contains("[search] 1/2 arms searched in "), run.out());
        assertTrue(run.out().contains("[search] 2/2 arms searched in "), run.out());
        assertFalse(run.out().contains("seed 0] [lr-search]") || run.out().contains("seed 1] [lr-search]"),
                "no search per evaluated seed: " + run.out());
        Path folder;
        try (var s = Files.list(dir.resolve("runs"))) {
            folder = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode rows = json.readTree(folder.resolve("summary.json").toFile()).get("arms");
        for (String arm : List.of("controlnet", "distilled")) {
            JsonNode shared = json.readTree(folder.resolve("search/" + arm + "/lrsearch.json").toFile());
            assertEquals(7, shared.get("lrSearch").get("seed").asInt(), shared.toString());
            int seen = 0;
            for (JsonNode row : rows) {
                if (!arm.equals(row.get("name").asText())) {
                    continue;
                }
                seen++;
                assertEquals("completed", row.get("status").asText(), row.toString());
                assertEquals(shared.get("learningRate").asDouble(), row.get("learningRate").asDouble(), row.toString());
                assertEquals(shared.get("lrSearch"), row.get("lrSearch"), "the one search, in every seed's row");
                assertFalse(Files.exists(folder.resolve("arms/" + arm + "/seed-" + row.get("seed").asInt()
                        + "/lrsearch.json")), "no search of its own");
            }
            assertEquals(2, seen, arm + ": a row per evaluated seed");
        }
        List<Integer> backboneSeeds = new java.util.ArrayList<>();
        rows.forEach(r -> {
            if ("none".equals(r.get("method").asText())) {
                backboneSeeds.add(r.get("seed").asInt());
            }
        });
        assertEquals(List.of(0, 1), backboneSeeds, "the uncontrolled backbone on every seed's conditions");
        assertEquals("completed", json.readTree(folder.resolve("summary.json").toFile()).get("status").asText(),
                "a backbone row per seed is not an arm row: every arm and seed completed");
        JsonNode backbone = json.readTree(folder.resolve("summary.json").toFile()).get("aggregates").get(0);
        assertEquals("none", backbone.get("method").asText(), backbone.toString());
        assertEquals(2, backbone.get("n").asInt(), backbone.toString());
        assertTrue(Files.isRegularFile(folder.resolve("search/distilled/distill.json")),
                "the searched adapter was distilled from the tuning seed, as the arm's are");
        assertTrue(Files.readString(folder.resolve("experiment.yaml")).contains("tuning_seed: 7"));
    }

    @Test
    void aTuningSeedThatIsEvaluatedExitsTwoNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, EXPERIMENT.formatted(1));
        Invocation v = unicon("validate", file.toString());
        assertEquals(2, v.code(), v.out());
        assertTrue(v.err().contains("training.lr_search.tuning_seed = 1 is one of seeds [0, 1]"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }
}
