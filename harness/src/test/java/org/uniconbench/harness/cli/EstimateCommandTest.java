package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.experiment.ExperimentLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uniconbench.harness.cli.CommandLineTest.unicon;

/** {@code unicon estimate}: predictions per arm, overrides, presets, and bad input with exit code 2. */
class EstimateCommandTest {

    static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");

    @TempDir
    Path dir;

    private static JsonNode json(String... args) throws IOException {
        CommandLineTest.Invocation run = unicon(args);
        assertEquals(0, run.code(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void quickstartJsonGivesEveryArmsBytesAndFlopsWithParametersOfTheBuiltModels() throws IOException {
        JsonNode estimate = json("estimate", QUICKSTART.toString(), "--json");
        Map<String, Object> built = ValidateCommand.facts(ExperimentLoader.load(QUICKSTART));
        Map<?, ?> builtArms = (Map<?, ?>) built.get("arms");
        assertEquals(builtArms.keySet().size(), estimate.path("arms").size());
        for (Object name : builtArms.keySet()) {
            JsonNode arm = estimate.path("arms").path((String) name);
            for (String key : new String[] {"weightBytes", "gradientBytes", "optimizerBytes", "activationBytes"}) {
                assertTrue(arm.path(key).asLong() > 0, name + "." + key);
            }
            assertTrue(arm.path("forwardFlops").path("total").asDouble() > 0);
            assertTrue(arm.path("backwardFlops").path("total").asDouble() > 0);
            long trainable = ((Number) ((Map<?, ?>) builtArms.get(name)).get("trainable_parameters")).longValue();
            assertEquals(trainable, arm.path("trainableParams").asLong(), name + " trainable parameters");
            assertEquals(built.get("backbone_parameters"), arm.path("frozenParams").asLong());
        }
        assertEquals("controlnet", estimate.path("reference").asText());
        assertEquals(1.0, estimate.path("arms").path("controlnet").path("vsReference").path("stepFlops").asDouble());
        // UniCon runs no backward through the backbone; ControlNet runs it through the frozen decoder
        assertEquals(0.0, estimate.path("arms").path("unicon-full").path("backwardFlops").path("backbone").asDouble());
        assertTrue(estimate.path("arms").path("controlnet").path("backwardFlops").path("backbone").asDouble() > 0);
        // ControlNet keeps the frozen decoder's activations for backward, UniCon none of the backbone's
        assertTrue(estimate.path("arms").path("controlnet").path("savedActivationBytesByPart").path("backbone")
                .asLong() > 0);
        assertEquals(0,
                estimate.path("arms").path("unicon-full").path("savedActivationBytesByPart").path("backbone").asLong());
    }

    @Test
    void batchAndPrecisionOverridesScaleTheirFigures() throws IOException {
        JsonNode base = json("estimate", QUICKSTART.toString(), "--json", "--batch", "8");
        JsonNode twice = json("estimate", QUICKSTART.toString(), "--json", "--batch", "16");
        JsonNode bf16 = json("estimate", QUICKSTART.toString(), "--json", "--batch", "8", "--precision", "bf16");
        JsonNode base64 = json("estimate", QUICKSTART.toString(), "--json", "--batch", "8", "--resolution", "64");
        JsonNode a = base.path("arms").path("unicon-half");
        assertEquals(2 * a.path("activationBytes").asLong(),
                twice.path("arms").path("unicon-half").path("activationBytes").asLong());
        assertEquals(a.path("gradientBytes").asLong(),
                2 * bf16.path("arms").path("unicon-half").path("gradientBytes").asLong());
        assertEquals(4 * a.path("activationBytes").asLong(),
                base64.path("arms").path("unicon-half").path("activationBytes").asLong(),
                0.01 * 4 * a.path("activationBytes").asLong());
    }

    @Test
    void presetsByNamePrintTheirRatiosBesideThePapersAndTheAssumptions() {
        for (String preset : new String[] {"pixart-alpha-like-256", "pixart-alpha-like-1024", "sd15-like-unet"}) {
            CommandLineTest.Invocation run = unicon("estimate", preset);
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("bf16"), run.out());
            assertTrue(run.out().contains("[paper: memory 0.67x, time 0.43x, params 2x]"), run.out());
            assertTrue(run.out().contains("features cached"), run.out());
            assertTrue(run.out().contains("assumptions:"), run.out());
        }
    }

    @Test
    void validateShowsThePredictionAndPricesAnEstimateOnlyFileWithoutBuildingIt() {
        CommandLineTest.Invocation preset = unicon("validate",
                Path.of("..", "experiments", "presets", "pixart-alpha-like-1024.yaml").toString());
        assertEquals(0, preset.code(), preset.err());
        assertTrue(preset.out().contains("estimate:\n  only: true\n  precision: bf16"), preset.out());
        assertTrue(preset.out().contains("predicted_cost:") && preset.out().contains("stepFlopsFeaturesCached"),
                preset.out());
        assertFalse(preset.out().contains("backbone_parameters"),
                "an estimate-only file is not built: " + preset.out());
        CommandLineTest.Invocation quickstart = unicon("validate", QUICKSTART.toString());
        assertEquals(0, quickstart.code(), quickstart.err());
        assertTrue(quickstart.out().contains("backbone_parameters") && quickstart.out().contains("predicted_cost:"),
                quickstart.out());
    }

    @Test
    void runRefusesAnEstimateOnlyPresetWithExitCode2() {
        Path preset = Path.of("..", "experiments", "presets", "sd15-like-unet.yaml");
        CommandLineTest.Invocation run = unicon("run", preset.toString(), "--output", dir.toString());
        assertEquals(Main.BAD_INPUT, run.code());
        assertTrue(run.err().contains("estimate-only") && run.err().contains("unicon estimate"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void badInputNamesTheOptionOrKeyAndExits2() throws IOException {
        CommandLineTest.Invocation unknown = unicon("estimate", "no-such-preset");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(
                unknown.err().contains("unknown preset 'no-such-preset'") && unknown.err().contains("sd15-like-unet"),
                unknown.err());
        CommandLineTest.Invocation resolution = unicon("estimate", QUICKSTART.toString(), "--resolution", "30");
        assertEquals(Main.BAD_INPUT, resolution.code());
        assertTrue(resolution.err().contains("--resolution = 30 is not divisible by 4"), resolution.err());
        CommandLineTest.Invocation precision = unicon("estimate", QUICKSTART.toString(), "--precision", "fp8");
        assertEquals(Main.BAD_INPUT, precision.code());
        assertTrue(precision.err().contains("--precision fp8"), precision.err());
        // paper-scale widths need estimate.only: without it they are out of range, naming the key
        String wide = Files.readString(Path.of("..", "experiments", "presets", "pixart-alpha-like-256.yaml"))
                .replace("only: true", "only: false");
        Path file = Files.writeString(dir.resolve("wide.yaml"), wide);
        CommandLineTest.Invocation tooWide = unicon("estimate", file.toString());
        assertEquals(Main.BAD_INPUT, tooWide.code());
        assertTrue(tooWide.err().contains("backbone.hidden"), tooWide.err());
        Path notBoolean = Files.writeString(dir.resolve("maybe.yaml"), wide.replace("only: false", "only: maybe"));
        CommandLineTest.Invocation maybe = unicon("estimate", notBoolean.toString());
        assertEquals(Main.BAD_INPUT, maybe.code());
        assertTrue(maybe.err().contains("estimate.only") && maybe.err().contains("true or false"), maybe.err());
    }
}
