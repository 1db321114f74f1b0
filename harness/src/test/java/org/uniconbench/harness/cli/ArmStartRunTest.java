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
 * How an arm starts. An arm with {@code adapter.init: distill} distils before it trains, and its row
 * says so: every row carries {@code adapterWidth} and {@code adapterInit}; the distillation's steps
 * and time are in the row and in its training time. With {@code training.lr_search} every arm
 * trains at the rate of lowest held-out denoising loss, recorded with the search. A distillation
 * without steps is bad input (exit 2).
 */
class ArmStartRunTest {

    private static final String EXPERIMENT = """
            name: distill
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
                adapter:
                  width: 0.5
            %s
            training:
              steps: 4
              batch_size: 4
              learning_rate: 1.0e-4
              log_every: 2
              lr_search: {rates: [1.0e-5, 3.0e-3], steps: 3}
            evaluation: {samples: 4, sampler_steps: 3, memory_passes: 0}
            """;

    @Test
    void aDistilledArmReportsItsWarmStartAndEveryArmItsSearchedLearningRate(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("distill.yaml");
        Files.writeString(file, EXPERIMENT.formatted("      init: distill\n      distill_steps: 3"));
        Invocation run = unicon("run", file.toString(), "--output", dir.resolve("runs").toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("[distilled] [distill] step 3/3"), run.out());
        // the search's progress counts its steps over all rates (2 x 3), every log_every steps
        assertTrue(run.out().contains("[distilled] [lr-search] step 4/6"), run.out());
        assertTrue(run.out().contains("[distilled] [lr-search] step 6/6"), run.out());
        Path folder;
        try (var s = Files.list(dir.resolve("runs"))) {
            folder = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        JsonNode controlnet = summary.get("arms").get(1);
        JsonNode distilled = summary.get("arms").get(2);
        assertEquals("distilled", distilled.get("name").asText());
        assertEquals("completed", distilled.get("status").asText(), distilled.toString());
        assertEquals("slice", controlnet.get("adapterInit").asText());
        assertEquals(1.0, controlnet.get("adapterWidth").asDouble());
        assertEquals(0, controlnet.get("distillSteps").asInt());
        assertEquals("distill", distilled.get("adapterInit").asText());
        assertEquals(0.5, distilled.get("adapterWidth").asDouble(), "2 of 4 groups");
        assertEquals(3, distilled.get("distillSteps").asInt());
        double distillSeconds = distilled.get("distillMs").asDouble() / 1000;
        assertTrue(distillSeconds > 0, distilled.toString());
        assertEquals(distilled.get("controlTrainSeconds").asDouble() + distillSeconds,
                distilled.get("trainSeconds").asDouble(), 1e-9, "distillation is training time");
        assertTrue(Double.isFinite(distilled.get("distillFinalLoss").asDouble()));
        assertEquals(4, distilled.get("steps").asInt(), "control training's steps are unchanged");
        Path arm = folder.resolve("arms/distilled/seed-0");
        assertEquals(3, Files.readAllLines(arm.resolve("distill.jsonl")).stream().filter(l -> !l.isBlank()).count());
        assertTrue(Files.isRegularFile(arm.resolve("distill.json")));
        for (JsonNode row : List.of(controlnet, distilled)) {
            JsonNode search = row.get("lrSearch");
            assertEquals(2, search.get("heldOutLoss").size(), row.toString());
            assertEquals(8, search.get("heldOutImages").asInt(), "64 training images: the last eighth");
            assertEquals("noise", search.get("heldOutTarget").asText(), "by default the training loss scores");
            assertEquals(0.0, search.get("heldOutFrom").asDouble(), "over the whole schedule");
            double low = search.get("heldOutLoss").get(0).asDouble();
            double high = search.get("heldOutLoss").get(1).asDouble();
            double chosen = low <= high ? 1.0e-5 : 3.0e-3;
            assertEquals(chosen, search.get("chosen").asDouble(), "the rate of lowest held-out loss: " + search);
            assertEquals(chosen, row.get("learningRate").asDouble());
            assertEquals(low <= high ? "lowest" : "highest", search.get("atGridEdge").asText(),
                    "two rates: the choice is always at an edge of the grid");
            assertTrue(row.get("lrSearchMs").asDouble() > 0);
        }
        assertTrue(Files.isRegularFile(arm.resolve("lrsearch.json")));
        String yaml = Files.readString(folder.resolve("experiment.yaml"));
        assertTrue(yaml.contains("init: distill") && yaml.contains("distill_steps: 3"), yaml);
        assertTrue(yaml.contains("lr_search:"), yaml);
    }

    @Test
    void distillWithZeroStepsExitsTwoNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, EXPERIMENT.formatted("      init: distill\n      distill_steps: 0"));
        for (List<String> command : List.of(List.of("validate", file.toString()),
                List.of("run", file.toString(), "--output", dir.resolve("runs").toString()))) {
            Invocation v = unicon(command.toArray(String[]::new));
            assertEquals(2, v.code(), command + ": " + v.out());
            assertTrue(v.err().contains("arms[1].adapter.distill_steps = 0"), v.err());
            assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
        }
        assertFalse(Files.exists(dir.resolve("runs")) && Files.list(dir.resolve("runs")).findAny().isPresent(),
                "no run folder for bad input");
    }
}
