package org.uniconbench.harness.arms;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.store.RunStore;
import org.uniconbench.harness.train.ArmRunner;
import org.uniconbench.harness.train.Blueprint;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent's side of an arm run: starts a fresh JVM (same {@code java}, same class path, the
 * hidden {@code arm-run} command, see {@link ArmChild}), forwards its output line by line, and
 * returns the row it wrote. When the process dies without a row (a crash, the kernel's OOM
 * killer, a kill), the row says failed and why, and is written for it, so the run goes on and a
 * resumed run does not try the arm again.
 */
public final class ArmProcess {

    /** Reads rows back with integers as longs, as the parent's own rows hold them. */
    private static final ObjectMapper ROWS = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** libtorch's deprecation notice, printed by every process that runs autograd. */
    private static final String LIBTORCH_NOTICE = "Warning: AutoNonVariableTypeMode is deprecated";

    /** Output lines kept for the failure message. */
    private static final int TAIL = 20;

    private ArmProcess() {
    }

    /**
     * Reads an arm's row, or null when the arm has none yet.
     *
     * @param runDir the run folder
     * @param arm the arm's name
     * @param seed the seed
     * @return the row, or null
     */
    public static Map<String, Object> finishedRow(Path runDir, String arm, long seed) {
        Path file = runDir.resolve(ArmRunner.folder(arm, seed)).resolve(ArmChild.ROW);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = ROWS.readValue(file.toFile(), LinkedHashMap.class);
            return row;
        } catch (IOException e) {
            return null; // unreadable: the arm runs again
        }
    }

    /**
     * Runs the arm in a child process and waits for it.
     *
     * @param store the run folder
     * @param arm the arm
     * @param seed the seed
     * @param label how progress lines name the arm
     * @param out where the child's lines go (shared by parallel arms: lines are written whole)
     * @return the arm's row
     */
    public static Map<String, Object> run(RunStore store, ArmSpec arm, long seed, String label, PrintWriter out) {
        Path runDir = store.dir();
        Path armDir = runDir.resolve(ArmRunner.folder(arm.name(), seed));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java")));
        // the parent's own settings that shape a run: DJL's (offline, threads) and ours
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dai.djl.") || a.startsWith("-Dorg.uniconbench.") || a.startsWith("-Xmx"))
                .forEach(command::add);
        command.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.uniconbench.harness.cli.Main",
                "arm-run", runDir.toAbsolutePath().toString(), "--arm", arm.name(), "--seed", String.valueOf(seed)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Deque<String> tail = new ArrayDeque<>();
        int exit;
        try {
            Files.createDirectories(armDir);
            Process process = ArmChildren.start(builder); // SIGTERM / SIGINT of the run stops it at once
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    BufferedWriter console = Files.newBufferedWriter(armDir.resolve("console.log"),
                            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    console.write(line);
                    console.newLine();
                    console.flush();
                    if (!line.contains(LIBTORCH_NOTICE)) { // printed once by the parent already; kept in console.log
                        synchronized (out) {
                            out.println(line.startsWith("[" + label + "]") ? line : "[" + label + "] " + line);
                            out.flush();
                        }
                    }
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
            exit = process.waitFor();
            ArmChildren.ended(process);
        } catch (IOException e) {
            return failed(store, arm, seed, "cannot start the arm's process: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Map<String, Object> row = ArmRunner.baseRow(arm, seed); // not written: a resumed run tries again
            row.put("status", "failed");
            row.put("error", "interrupted");
            return row;
        }
        Map<String, Object> row = finishedRow(runDir, arm.name(), seed);
        if (exit == 0 && row != null) {
            return row;
        }
        if (row == null && ArmChildren.stoppedWithRun(exit)) {
            Map<String, Object> interrupted = ArmRunner.baseRow(arm, seed); // not written: a resume continues it
            interrupted.put("status", "failed");
            interrupted.put("error", "interrupted (SIGINT)");
            return interrupted;
        }
        // the last line that is not a stack frame: the exception and its message, usually
        String last = null;
        for (String line : tail) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                last = line;
            }
        }
        return failed(store, arm, seed, cause(exit) + (last == null ? "" : "; last output: " + last));
    }

    /** What an exit status says about how the process ended. */
    static String cause(int exit) {
        return switch (exit) {
            case 0 -> "the arm's process ended without writing its row";
            case 137 -> "the arm's process was killed (SIGKILL: the kernel's out-of-memory killer, or by hand)";
            case 143 -> "the arm's process was terminated (SIGTERM)";
            default -> "the arm's process exited with status " + exit;
        };
    }

    private static Map<String, Object> failed(RunStore store, ArmSpec arm, long seed, String error) {
        Map<String, Object> row = ArmRunner.baseRow(arm, seed);
        row.put("adapterWidth", Blueprint.adapterWidth(ArmChild.experiment(store.dir()), arm));
        row.put("status", "failed");
        row.put("error", error);
        store.writeJson(ArmRunner.folder(arm.name(), seed) + "/" + ArmChild.ROW, row);
        return finishedRow(store.dir(), arm.name(), seed); // read back: the same value types as a child's row
    }
}
