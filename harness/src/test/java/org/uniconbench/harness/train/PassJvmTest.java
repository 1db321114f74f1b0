package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassJvmTest {

    @Test
    void aPassThatOutlivesItsLimitIsStoppedAndReportedWithWhatItPrinted() {
        // prints, then keeps its output open and never exits: the old pipe reader waited for ever
        List<String> command = List.of("/bin/sh", "-c", "echo started; exec sleep 600");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PassJvm.run("timing pass of slow", command, Map.of(), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("timing pass of slow took longer than 2 s and was stopped"),
                e.getMessage());
        assertTrue(e.getMessage().contains("started"), e.getMessage());
    }

    @Test
    void aPassReturnsItsOutputWithStandardErrorAndTheTrackingOptOut() {
        List<String> command = List.of("/bin/sh", "-c",
                "echo out; echo err >&2; echo \"tracking=$OPT_OUT_TRACKING x=$X\"");
        String output = PassJvm.run("memory pass of quick", command, Map.of("X", "1"), Duration.ofSeconds(60));
        assertEquals(List.of("out", "err", "tracking=true x=1"), output.lines().toList());
    }

    @Test
    void aPassThatExitsNonZeroFailsWithTheTailOfItsOutput() {
        List<String> command = List.of("/bin/sh", "-c", "echo 'no such arm'; exit 2");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PassJvm.run("memory pass of broken", command, Map.of(), Duration.ofSeconds(60)));
        assertEquals("memory pass of broken failed: no such arm\n", e.getMessage());
    }

    @Test
    void aStoppedJvmStopsThePassItWaitsFor(@TempDir Path dir) throws IOException, InterruptedException {
        Path pidFile = dir.resolve("pass.pid");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process parent = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                PassJvmStopMain.class.getName(), pidFile.toString()).redirectErrorStream(true).start();
        try {
            long pass = -1;
            for (int i = 0; i < 600 && pass < 0; i++) { // until the pass has started (at most a minute)
                String text = Files.isRegularFile(pidFile) ? Files.readString(pidFile).trim() : "";
                if (!text.isEmpty()) {
                    pass = Long.parseLong(text);
                } else {
                    Thread.sleep(100);
                }
            }
            assertTrue(pass > 0, "the pass never started");
            parent.destroy(); // SIGTERM, as `kill` or Slurm's scancel sends
            parent.waitFor();
            ProcessHandle child = ProcessHandle.of(pass).orElse(null);
            for (int i = 0; i < 100 && child != null && child.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertTrue(child == null || !child.isAlive(), "the pass outlived its JVM: pid " + pass);
        } finally {
            parent.destroyForcibly();
        }
    }
}
