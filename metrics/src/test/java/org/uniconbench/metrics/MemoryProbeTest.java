package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {

    @Test
    void statusLineIsParsedAsKibibytes() {
        List<String> lines = List.of("Name:\tjava", "VmHWM:\t  2048 kB", "VmRSS:\t    1024 kB");
        assertEquals(1024L * 1024, MemoryProbe.parseStatusField(lines, "VmRSS:"));
        assertEquals(2048L * 1024, MemoryProbe.parseStatusField(lines, "VmHWM:"));
        assertEquals(-1, MemoryProbe.parseStatusField(lines, "VmSwap:"));
    }

    @Test
    void residentAndPeakAreReadOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        long rss = MemoryProbe.residentBytes();
        long peak = MemoryProbe.peakResidentBytes();
        assertTrue(rss > 1_000_000, "a JVM uses more than 1 MB, found " + rss);
        assertTrue(peak >= rss, "peak " + peak + " below current " + rss);
    }

    @Test
    void peakGrowsWhenMemoryIsTouched() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        long before = MemoryProbe.peakResidentBytes();
        byte[] block = new byte[64 << 20];
        for (int i = 0; i < block.length; i += 4096) {
            block[i] = 1;
        }
        long after = MemoryProbe.peakResidentBytes();
        assertTrue(block[4096] == 1);
        // The heap may already have been resident; require only that the peak never shrinks.
        assertTrue(after >= before, "peak fell from " + before + " to " + after);
    }

    @Test
    void resetPeakBringsPeakDownToCurrentResidentSize() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        assumeTrue(MemoryProbe.resetPeak(), "clear_refs not writable here");
        long peak = MemoryProbe.peakResidentBytes();
        long rss = MemoryProbe.residentBytes();
        // Right after a reset the high-water mark is the current size, give or take a little growth.
        assertTrue(peak - rss < 32L << 20, "peak " + peak + " far above current " + rss);
    }
}
