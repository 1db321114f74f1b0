package org.uniconbench.harness.train;

import java.io.IOException;
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
 *
 * <p>Starting and tracking are one step under the lock the hook takes: a process whose start began
 * before the hook is tracked before the hook looks, and none starts after it. (Tracking after
 * {@code start()} returned let a SIGTERM that arrived in between miss the new process, which then
 * outlived the JVM.)
 */
public final class StoppedWithJvm {

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
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

    /**
     * Starts a process and tracks it. While this JVM stops, nothing new starts: the calling thread
     * waits here for the halt, so that its caller records nothing about a process that never ran.
     *
     * @param builder the process to start
     * @return the started, tracked process
     * @throws IOException when it cannot start
     */
    public Process start(ProcessBuilder builder) throws IOException {
        synchronized (lock) {
            if (!stopping) {
                Process process = builder.start();
                live.add(process);
                return process;
            }
        }
        awaitHalt();
        throw new IOException("this JVM is stopping; nothing new starts");
    }

    /** Stops tracking a process that has ended. */
    public void ended(Process process) {
        live.remove(process);
    }

    /** Whether this JVM is shutting down (its tracked processes are being stopped). */
    public boolean stopping() {
        return stopping;
    }

    /** The hook's work: stops every tracked process and its descendants (package-private for tests). */
    void stopAll() {
        List<ProcessHandle> all;
        synchronized (lock) {
            stopping = true;
            all = live.stream().flatMap(p -> Stream.concat(p.descendants(), Stream.of(p.toHandle()))).toList();
        }
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

    /** Waits for the JVM's halt (the hooks end it), or returns when interrupted. */
    public static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
