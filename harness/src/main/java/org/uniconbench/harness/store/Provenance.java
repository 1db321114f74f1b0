package org.uniconbench.harness.store;

import org.uniconbench.harness.BadInputException;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a run was made: git commit, Java, DJL and libtorch versions, OS, CPU, device
 * and threads, so that a result can be reproduced or its differences explained.
 */
public final class Provenance {

    private Provenance() {
    }

    /**
     * Collects the provenance of the current process.
     *
     * @param device the device the run uses
     * @param command the command line, for the record
     * @return key to value, in a stable order
     */
    public static Map<String, String> collect(Device device, String command) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("schemaVersion", String.valueOf(org.uniconbench.reports.RunSummary.SCHEMA_VERSION));
        String commit = git("rev-parse", "HEAD");
        p.put("gitCommit", commit == null ? "unknown (not a git checkout)" : commit);
        String status = git("status", "--porcelain", "--untracked-files=no");
        p.put("gitDirty", status == null ? "unknown" : String.valueOf(!status.isBlank()));
        p.put("javaVersion", System.getProperty("java.version"));
        p.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        Engine engine = Engine.getInstance();
        p.put("djlVersion", Engine.getDjlVersion());
        p.put("engine", engine.getEngineName());
        p.put("libtorchVersion", engine.getVersion());
        p.put("torchThreads", String.valueOf(JniUtils.getNumThreads()));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.put("cpu", cpuModel());
        p.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        p.put("maxHeapMiB", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
        p.put("device", device.toString());
        p.put("gpuCount", String.valueOf(engine.getGpuCount()));
        p.put("startedAt", Instant.now().toString());
        p.put("command", command);
        return p;
    }

    /**
     * Reads a run folder's {@code provenance.json}.
     *
     * @param runDir the run folder
     * @return key to value in the file's order; empty when the file is missing
     * @throws BadInputException when the file is not valid JSON
     */
    public static Map<String, String> read(Path runDir) {
        Path file = runDir.resolve("provenance.json");
        Map<String, String> map = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return map;
        }
        try {
            RunStore.JSON.readTree(file.toFile()).fields().forEachRemaining(
                    f -> map.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            return map;
        } catch (IOException ex) {
            throw new BadInputException(file + " is not valid JSON: " + ex.getMessage());
        }
    }

    /**
     * The fields that can change a run's numbers or explain a difference: code, versions, machine,
     * device and threads (not times, the command or the heap size).
     */
    public static final List<String> COMPARED = List.of("gitCommit", "gitDirty", "javaVersion", "javaVm",
            "djlVersion", "engine", "libtorchVersion", "torchThreads", "os", "cpu", "cores", "device", "gpuCount");

    /**
     * The {@link #COMPARED} fields in which two provenances differ.
     *
     * @param before the earlier run's provenance
     * @param after the later one's
     * @return one line per field, {@code "libtorchVersion: 2.7.1 -> 2.7.2"}, in {@link #COMPARED} order
     */
    public static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> lines = new ArrayList<>();
        for (String key : COMPARED) {
            String a = before.get(key);
            String b = after.get(key);
            if (!Objects.equals(a, b)) {
                lines.add(
                        key + ": " + (a == null ? "(not recorded)" : a) + " -> " + (b == null ? "(not recorded)" : b));
            }
        }
        return lines;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** Runs git in the current directory; null when git or the repository is missing. */
    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
