package org.uniconbench.harness.store;

import org.uniconbench.baselines.nn.Checkpoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a cached checkpoint ({@code runs/.cache/*.ucb}) can be used as it is. A damaged file
 * (truncated, checksum mismatch, NaN or infinite weights, not a checkpoint) and a file of format
 * version 1 (written before checkpoints carried a checksum, so it cannot be verified) are reported
 * with their path and deleted, so that the caller rebuilds them: a cache holds nothing that cannot
 * be made again. Call it while holding the entry's {@link CacheLock}.
 */
public final class CacheEntry {

    private CacheEntry() {
    }

    /**
     * Checks a cache file.
     *
     * @param file the cached checkpoint
     * @param what what it is, for the message ("backbone", "feature classifier")
     * @param out where a rebuild is announced
     * @return true when the file exists and verifies; false when it is absent or was deleted
     */
    public static boolean usable(Path file, String what, PrintWriter out) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String problem;
        try {
            Checkpoint.Contents contents = Checkpoint.inspect(file);
            if (contents.version() == Checkpoint.FORMAT_VERSION) {
                return true;
            }
            problem = "it was written in format version " + contents.version() + ", without a checksum, so it "
                    + "cannot be verified";
        } catch (IOException | IllegalArgumentException ex) {
            problem = ex.getMessage();
        }
        out.println("cache: the cached " + what + " " + file.toAbsolutePath() + " cannot be used (" + problem
                + "); deleting it and making it again");
        out.flush();
        try {
            Files.delete(file);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot delete the damaged cache file " + file.toAbsolutePath()
                    + "; delete it by hand", ex);
        }
        return false;
    }
}
