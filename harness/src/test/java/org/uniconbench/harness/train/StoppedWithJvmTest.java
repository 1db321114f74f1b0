package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoppedWithJvmTest {

    @Test
    void aStartedProcessIsTrackedTheMomentItStartsAndStoppedWithTheJvm() throws Exception {
        StoppedWithJvm live = new StoppedWithJvm("test-stop", 5);
        Process process = live.start(new ProcessBuilder("/bin/sh", "-c", "exec sleep 600"));
        live.stopAll();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the tracked process outlived the stop");
    }

    @Test
    void nothingStartsOnceTheJvmIsStopping(@TempDir Path dir) throws Exception {
        StoppedWithJvm live = new StoppedWithJvm("test-stop", 5);
        live.stopAll();
        Path mark = dir.resolve("started");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                live.start(new ProcessBuilder("/bin/sh", "-c", "touch " + mark));
            } catch (IOException | RuntimeException e) {
                thrown.set(e);
            }
        });
        caller.start();
        caller.join(500);
        assertTrue(caller.isAlive(), "a start while stopping should wait for the halt");
        caller.interrupt(); // stands in for the halt
        caller.join(10_000);
        assertInstanceOf(IOException.class, thrown.get());
        Thread.sleep(200);
        assertFalse(Files.exists(mark), "a process started after the stop began");
    }
}
