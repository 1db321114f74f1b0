package org.uniconbench.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the resident memory of the current process from Linux's {@code /proc}, to measure the
 * memory cost of training and inference.
 *
 * <p>This measures the WHOLE process: Java heap (used or merely reserved and touched), JIT and
 * metaspace, thread stacks, and native memory such as libtorch's CPU allocations. It does not see
 * GPU memory. Values come from {@code /proc/self/status} ({@code VmRSS}, current resident set;
 * {@code VmHWM}, its high-water mark), see proc(5). On systems without {@code /proc} the readers
 * return -1.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private MemoryProbe() {
    }

    /**
     * Returns the current resident set size.
     *
     * @return VmRSS in bytes, or -1 if it cannot be read
     */
    public static long residentBytes() {
        return readStatusField("VmRSS:");
    }

    /**
     * Returns the peak resident set size since process start or the last {@link #resetPeak()}.
     *
     * @return VmHWM in bytes, or -1 if it cannot be read
     */
    public static long peakResidentBytes() {
        return readStatusField("VmHWM:");
    }

    /**
     * Resets the peak resident set size to the current one by writing {@code 5} to
     * {@code /proc/self/clear_refs} (Linux 4.0 and later).
     *
     * @return true if the reset was written, false if it is not possible here
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Parses a line such as {@code "VmRSS:\t  123456 kB"} into bytes; -1 when absent. */
    static long readStatusField(String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        return parseStatusField(lines, key);
    }

    static long parseStatusField(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
