package org.uniconbench.harness.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which process is running a run folder, so that a run killed before it wrote its final status
 * (its summary still says {@code running}) can be told from one still going:
 * {@code process.json} records the host, the process id and the process's start time (a pid alone
 * is reused by later processes). Written when a run starts and when it is resumed.
 */
public final class RunProcess {

    /** The file in the run folder. */
    public static final String FILE = "process.json";

    /** What the record says about a run whose summary says {@code running}. */
    public enum State {
        /** Its process is alive on this host. */
        RUNNING,
        /** Its process is gone from this host: killed, or the machine went down. */
        INTERRUPTED,
        /** No record (a folder from an older version), or another host's process, which cannot be looked up. */
        UNKNOWN
    }

    private RunProcess() {
    }

    /**
     * Records this process as the one running the folder.
     *
     * @param store the run folder
     */
    public static void record(RunStore store) {
        ProcessHandle self = ProcessHandle.current();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("host", host());
        record.put("pid", self.pid());
        record.put("processStartedAt", self.info().startInstant().map(Instant::toString).orElse(null));
        record.put("recordedAt", Instant.now().toString());
        store.writeJson(FILE, record);
    }

    /**
     * Whether the process recorded in the folder is still alive.
     *
     * @param runDir the run folder
     * @return the state; {@link State#UNKNOWN} without a readable record or for another host
     */
    public static State state(Path runDir) {
        Path file = runDir.resolve(FILE);
        JsonNode record;
        try {
            if (!Files.isRegularFile(file)) {
                return State.UNKNOWN;
            }
            record = RunStore.JSON.readTree(file.toFile());
        } catch (IOException ex) {
            return State.UNKNOWN;
        }
        if (record == null || !record.path("pid").canConvertToLong() || !host().equals(record.path("host").asText())) {
            return State.UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(record.path("pid").asLong());
        if (process.isEmpty() || !process.get().isAlive()) {
            return State.INTERRUPTED;
        }
        String started = record.path("processStartedAt").asText(null);
        String now = process.get().info().startInstant().map(Instant::toString).orElse(null);
        // the same pid with another start time is a later process that reused the number
        return started == null || now == null || started.equals(now) ? State.RUNNING : State.INTERRUPTED;
    }

    /** This machine's name (the kernel's, which needs no name lookup), as {@code process.json} records it. */
    public static String host() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException ex) {
            return "unknown";
        }
    }
}
