package org.uniconbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("a/b/summary.json");
        AtomicFile.writeString(file, "first");
        AtomicFile.writeString(file, "second é");
        assertEquals("second é", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(file), listAll(dir.resolve("a/b")), "only the target is left in the folder");
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileWholeAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFile.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listAll(dir));
    }

    @Test
    void theFileGetsTheDefaultPermissionsNotOwnerOnly() throws IOException {
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path atomic = dir.resolve("report.html");
        AtomicFile.writeString(atomic, "x");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
    }

    private static List<Path> listAll(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
