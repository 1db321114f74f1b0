package org.uniconbench.harness.cli;

import org.uniconbench.harness.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --out} folder of {@code unicon eval}, checked before any image is read. */
final class EvalOutput {

    private EvalOutput() {
    }

    /**
     * Refuses an output that is a file, lies under a file, or cannot be created or written.
     *
     * @param out the folder scores.csv and scores.json go into (made if missing)
     * @throws BadInputException saying what is wrong and how to fix it
     */
    static void check(Path out) {
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("--out " + dir + " is a file; --out names a folder for scores.csv and "
                        + "scores.json: pass a folder, or a path that does not exist yet");
            }
            probe(dir, dir);
            return;
        }
        Path existing = dir.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException("--out " + dir + " cannot be made: " + existing + " is a file, not a folder");
        }
        probe(existing, dir);
    }

    /** Writes and deletes an empty file in {@code folder}: permissions alone do not tell (root, read-only mounts). */
    private static void probe(Path folder, Path out) {
        try {
            Files.delete(Files.createTempFile(folder, ".unicon-eval-", ".probe"));
        } catch (IOException | SecurityException ex) {
            throw new BadInputException("--out " + out + ": cannot write in " + folder + " (" + ex + "); pass a "
                    + "folder you can write to");
        }
    }
}
