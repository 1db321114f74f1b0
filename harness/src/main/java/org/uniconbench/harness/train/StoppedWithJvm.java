package org.uniconbench.harness.train;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child processes that are stopped with this JVM. On SIGTERM or SIGINT (Ctrl-C) the JVM runs its
 * shutdown hooks; this one sends SIGTERM to every tracked process and its descendants at once, waits
 * for them to end, and sends SIGKILL to any still alive after the grace period. So no arm trains on,
 * and no measuring pass runs on, after the run that started it has stopped. ({@code kill -9} runs no
 * hooks; the arm processes' own watch of their parent covers that.)
 */
public final class StoppedWithJvm {

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final long graceSeconds;
    private volatile boolean stopping;

    /**
     * Registers the shutdown hook.
     *
     * @param hookName the hook thread's name ({@code stop-arm-processes})
     * @param graceSeconds how long stopped processes get to end before SIGKILL
     */
    public StoppedWithJvm(String hookName, long graceSeconds) {
        this.graceSeconds = graceSeconds;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, hookName));
    }

    /** Tracks a started process. */
    public void started(Process process) {
        live.add(process);
    }

    /** Stops tracking a process that has ended. */
    public void ended(Process process) {
        live.remove(process);
    }

    /** Whether this JVM is shutting down (its tracked processes are being stopped). */
    public boolean stopping() {
        return stopping;
    }

    private void stopAll() {
        stopping = true;
        List<ProcessHandle> all = live.stream()
                .flatMap(p -> Stream.concat(p.descendants(), Stream.of(p.toHandle()))).toList();
        all.forEach(ProcessHandle::destroy); // SIGTERM, all at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        for (ProcessHandle p : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ex) {
                // timed out or interrupted: killed below
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
