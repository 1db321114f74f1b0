package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unicon reproduce}: a run re-made from its own folder agrees value by value (exit 0), a
 * value that the re-run cannot give back is reported (exit 1), and a folder that is no run is bad
 * input (exit 2).
 */
class ReproduceCommandTest {

    @TempDir
    static Path shared;

    static Path original;

    /**
     * Timings of a 10-step run on a shared test machine vary by far more than the default 25%; these
     * tests are about the exact values, so times and memory get a tolerance that always passes.
     */
    static final String[] LOOSE = {"--time-tolerance", "1000", "--memory-tolerance", "1000"};

    @BeforeAll
    static void runOnce() throws IOException {
        String text = Files.readString(CommandLineTest.SMOKE)
                .replace("  sampler_steps: 5\n", "  sampler_steps: 5\n  memory_passes: 0\n");
        Path file = shared.resolve("smoke.yaml");
        Files.writeString(file, text);
        CommandLineTest.Invocation v = CommandLineTest.unicon("run", file.toString(), "--output",
                shared.resolve("runs").toString());
        assertEquals(0, v.code(), v.err() + v.out());
        original = CommandLineTest.runFolders(shared.resolve("runs")).get(0);
    }

    private static CommandLineTest.Invocation reproduce(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("reproduce", run.toString()));
        args.addAll(List.of(LOOSE));
        args.addAll(List.of(more));
        return CommandLineTest.unicon(args.toArray(String[]::new));
    }

    /** The printed line of a row and metric. */
    private static String line(String out, String row, String metric) {
        return out.lines().filter(l -> l.startsWith(row + " ") && l.substring(24).trim().startsWith(metric + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + row + " " + metric + " in " + out));
    }

    /** The original ran its arms one at a time; the reproduction runs both at once, with the same numbers. */
    @Test
    void aRunReproducedWithTwoArmProcessesAtOnceAgreesValueByValueAndExitsZero() throws IOException {
        CommandLineTest.Invocation v = reproduce(original, "--parallel", "2");
        assertEquals(0, v.code(), v.err() + v.out());
        String out = v.out();
        int provenance = out.indexOf("provenance differences");
        int table = out.indexOf("controlnet seed 0");
        assertTrue(provenance >= 0 && table > provenance, "provenance first: " + out);
        assertTrue(line(out, "unicon seed 0", "finalLoss").endsWith(" yes (exact)"), out);
        assertTrue(line(out, "backbone seed 0", "ssim").endsWith(" yes (exact)"), out);
        assertTrue(line(out, "controlnet seed 0", "medianStepMs").contains(" yes (time, within "), out);
        assertTrue(out.contains("reproduced: all "), out);
        List<Path> runs = CommandLineTest.runFolders(shared.resolve("runs"));
        assertEquals(2, runs.size(), "a new run folder beside the original");
        assertEquals("2", new ObjectMapper().readTree(runs.get(1).resolve("provenance.json").toFile())
                .get("parallel").asText());
    }

    @Test
    void aTamperedSummaryValueIsReportedAndExitsOne() throws IOException {
        // a copy beside its own copy of the caches, so that its reproduction lands there
        Path tampered = shared.resolve("tampered").resolve(original.getFileName());
        ResumeTest.copyTree(original, tampered);
        ResumeTest.copyTree(shared.resolve("runs/.cache"), shared.resolve("tampered/.cache"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = (ObjectNode) json.readTree(tampered.resolve("summary.json").toFile());
        ObjectNode unicon = (ObjectNode) summary.get("arms").get(2);
        assertEquals("unicon", unicon.get("name").asText());
        unicon.put("ssim", unicon.get("ssim").asDouble() + 1e-9);
        json.writeValue(tampered.resolve("summary.json").toFile(), summary);

        CommandLineTest.Invocation v = reproduce(tampered);
        assertEquals(1, v.code(), v.err() + v.out());
        assertTrue(line(v.out(), "unicon seed 0", "ssim").endsWith(" NO (exact)"), v.out());
        assertTrue(v.out().contains("NOT reproduced: 1 of "), v.out());
        assertTrue(v.out().contains("unicon seed 0 ssim"), v.out());
    }

    @Test
    void aMissingRunFolderExitsTwoWithAMessage(@TempDir Path dir) {
        CommandLineTest.Invocation v = CommandLineTest.unicon("reproduce", dir.resolve("nowhere").toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("no such folder"), v.err());
        assertFalse(v.err().contains("\tat "), "no stack trace: " + v.err());
    }

    @Test
    void aFolderThatIsNotARunExitsTwo(@TempDir Path dir) {
        CommandLineTest.Invocation v = CommandLineTest.unicon("reproduce", dir.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains("not a run folder"), v.err());
    }
}
