package org.uniconbench.harness.train;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * For {@link PassJvmTest}: a JVM that starts one pass (a shell that writes its process id to the
 * file {@code args[0]} and then sleeps) and waits for it, as a run waits for a timing pass.
 */
public final class PassJvmStopMain {

    private PassJvmStopMain() {
    }

    public static void main(String[] args) {
        PassJvm.run("timing pass of stopped", List.of("/bin/sh", "-c", "echo $$ > " + args[0] + "; exec sleep 600"),
                Map.of(), Duration.ofMinutes(10));
    }
}
