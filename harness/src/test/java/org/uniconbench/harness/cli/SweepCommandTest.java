package org.uniconbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.sweep.SweepExpander;
import org.uniconbench.harness.sweep.SweepPoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unicon sweep} on the command line: bad axes stop it before anything runs; the example file expands. */
class SweepCommandTest {

    static final Path EXAMPLE = Path.of("..", "experiments", "sweeps", "smoke-grid.yaml");

    @Test
    void theExampleSweepFileExpandsIntoFourValidPoints() {
        List<SweepPoint> points = SweepExpander.expand(EXAMPLE);
        assertEquals(4, points.size());
        assertEquals("smoke-grid-p3", points.get(3).experiment().name());
        assertEquals(3.0e-4, points.get(3).experiment().training().learningRate());
        assertEquals(1.0, points.get(3).experiment().arm("unicon").adapter().width());
    }

    @Test
    void anAxisNamingNoKeyStopsTheSweepWithExitTwoBeforeAnyRunFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("training.learning_rate:", "training.learnin_rate:"));
        Path output = dir.resolve("runs");
        CommandLineTest.Invocation v = CommandLineTest.unicon("sweep", file.toString(), "--output", output.toString());
        assertEquals(2, v.code(), v.out() + v.err());
        assertTrue(v.err().contains("sweep.axes.training.learnin_rate names no key"), v.err());
        assertFalse(Files.exists(output), "nothing ran");
    }

    @Test
    void sweepAndStatusHaveHelp() {
        for (String command : List.of("sweep", "status")) {
            CommandLineTest.Invocation v = CommandLineTest.unicon(command, "--help");
            assertEquals(0, v.code(), command);
            assertTrue(v.out().contains("Usage: unicon " + command), v.out());
        }
    }
}
