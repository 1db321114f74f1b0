package org.uniconbench.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file whole: the content goes to a temporary file beside it, which is then renamed
 * over the target. A reader sees the old file or the new one, never half of one, and a process
 * killed while writing leaves the old file in place.
 *
 * <p>The temporary file is {@code .NAME.RANDOM.tmp} in the target's folder (same file system, so
 * the rename is atomic; a random part, so two writers of one target never share it), created with
 * the default permissions (not the owner-only ones of {@link Files#createTempFile}); it is removed
 * when writing fails. Where the file system cannot rename atomically, it falls back to a plain
 * replacing move. Missing parent folders are created. Contents are not forced to disk before the
 * rename: this protects against a killed process, not against a power cut.
 *
 * <pre>{@code
 * AtomicFile.writeString(runDir.resolve("report.html"), html);
 * AtomicFile.write(file, out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFile {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes everything to {@code out}; the stream is closed by {@link AtomicFile}.
         *
         * @param out the temporary file's stream
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code file} with {@code text} in UTF-8.
     *
     * @param file the target
     * @param text its new content
     * @throws IOException when the folder cannot be created or the file cannot be written or moved
     */
    public static void writeString(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes.
     *
     * @param file the target
     * @param content writes the new content
     * @throws IOException when the folder cannot be created, {@code content} fails, or the move fails;
     *     the target is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
