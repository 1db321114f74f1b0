package org.uniconbench.harness.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs one short measuring pass ({@code memory-pass}, {@code timing-pass}) in a fresh JVM of this
 * process's {@code java} and class path, waits for it and returns what it printed. Under the Slurm
 * executor each pass is a job of its own ({@link #launchWith}, an {@code srun} wrap). What a pass
 * measures and which JVM flags it needs are its own class's business ({@link MemoryPass},
 * {@link TimingPass}).
 */
public final class PassJvm {

    /** How long a pass may take before it counts as failed (and is killed). */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** How passes started by this process run: null as its child processes, else the command wrapped (srun). */
    private static volatile UnaryOperator<List<String>> launcher;

    /** How long a pass stopped with this JVM gets to end before SIGKILL. */
    private static final long STOP_GRACE_SECONDS = 5;

    /**
     * The passes running now, stopped with this JVM (SIGTERM, SIGINT): a run stopped during its timing
     * passes, or an arm process stopped during a memory pass, leaves no pass training on.
     */
    private static final StoppedWithJvm LIVE = new StoppedWithJvm("stop-pass-processes", STOP_GRACE_SECONDS);

    private PassJvm() {
    }

    /**
     * Runs the passes this process starts (memory and timing) through {@code wrap} (the Slurm executor:
     * each pass an {@code srun} job) until the returned scope is closed.
     *
     * @param wrap turns a pass's command into the command that runs it
     * @return closing it makes passes child processes again
     */
    public static Scope launchWith(UnaryOperator<List<String>> wrap) {
        launcher = wrap;
        return () -> launcher = null;
    }

    /** The time during which passes run elsewhere. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The command of a pass: this {@code java}, {@code jvmFlags}, offline and headless, this class path,
     * then {@code unicon} with {@code arguments}.
     *
     * @param jvmFlags flags before the class path
     * @param arguments the subcommand and its arguments
     * @return the command
     */
    static List<String> command(List<String> jvmFlags, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.uniconbench.harness.cli.Main"));
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs the pass (through the launcher, when one is set) and waits for it.
     *
     * @param what the pass in words, for messages ({@code memory pass of controlnet})
     * @param command from {@link #command}
     * @param environment variables set for the pass beside the inherited ones
     * @return its output, standard error included
     * @throws IllegalStateException when it exits non-zero or takes longer than 30 minutes
     */
    static String run(String what, List<String> command, Map<String, String> environment) {
        UnaryOperator<List<String>> wrap = launcher;
        return run(what, wrap == null ? command : wrap.apply(command), environment, TIMEOUT);
    }

    /**
     * Runs {@code command} and waits at most {@code timeout} for it to exit. Its output goes to a
     * temporary file, not a pipe, so that the wait's limit holds even while the child keeps writing
     * or leaves its output open; a child past the limit, or this thread interrupted, kills it.
     */
    static String run(String what, List<String> command, Map<String, String> environment, Duration timeout) {
        Path log = null;
        Process process = null;
        try {
            log = Files.createTempFile("unicon-pass-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("OPT_OUT_TRACKING", "true");
            process = LIVE.start(builder);
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!exited) {
                throw new IllegalStateException(what + " took longer than " + timeout.toSeconds()
                        + " s and was stopped: " + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + tail(output));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run a " + what, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (process != null) {
                LIVE.ended(process);
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind; the pass's result is already read
                }
            }
        }
    }

    /**
     * The rest of the first output line that starts with {@code prefix}.
     *
     * @param output a pass's output
     * @param prefix the result line's start
     * @param what the pass in words, for the message
     * @return the text after the prefix, trimmed
     * @throws IllegalStateException when no line starts so
     */
    static String result(String output, String prefix, String what) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " printed no result: " + tail(output)));
    }

    private static String tail(String output) {
        return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
    }
}
