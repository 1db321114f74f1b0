package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint files carry their format version and a checksum; a damaged file is refused, naming it. */
class CheckpointTest {

    private static final float[] W = {0.5f, -1.25f, 3f, 0f, 2f, -0.125f};
    private static final float[] B = {7f, 8f};

    private static ParameterSet parameters(float[] w, float[] b) {
        ParameterSet p = new ParameterSet(Device.cpu());
        p.add("w", new Shape(2, 3), w, true, null);
        p.add("b", new Shape(2), b, false, null);
        return p;
    }

    private static Path saved(Path dir) throws IOException {
        Path file = dir.resolve("model.ucb");
        try (ParameterSet p = parameters(W, B)) {
            Checkpoint.save(p, file);
        }
        return file;
    }

    private static String loadProblem(Path file) {
        try (ParameterSet p = parameters(new float[6], new float[2])) {
            return assertThrows(Checkpoint.CorruptCheckpointException.class, () -> Checkpoint.load(file, p))
                    .getMessage();
        }
    }

    @Test
    void aSavedCheckpointLoadsBackExactlyAndInspectsAsTheCurrentFormat(@TempDir Path dir) throws IOException {
        Path file = saved(dir);
        try (ParameterSet p = parameters(new float[6], new float[2])) {
            Checkpoint.load(file, p);
            assertArrayEquals(W, p.get("w").array().toFloatArray());
            assertArrayEquals(B, p.get("b").array().toFloatArray());
        }
        assertEquals(new Checkpoint.Contents(Checkpoint.FORMAT_VERSION, 2), Checkpoint.inspect(file));
    }

    @Test
    void aTruncatedCheckpointIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = saved(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        String problem = loadProblem(file);
        assertTrue(problem.contains(file.toAbsolutePath().toString()) && problem.contains("damaged"), problem);
        assertThrows(Checkpoint.CorruptCheckpointException.class, () -> Checkpoint.inspect(file));
    }

    @Test
    void aFlippedBitInAFiniteWeightIsCaughtByTheChecksum(@TempDir Path dir) throws IOException {
        Path file = saved(dir);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 32 - 6] ^= 0x01; // the low mantissa bit of a value in "b": still a finite float
        Files.write(file, bytes);
        assertTrue(loadProblem(file).contains("checksum"), loadProblem(file));
    }

    @Test
    void nanWeightsAreRefusedEvenWithAMatchingChecksum(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nan.ucb");
        try (ParameterSet p = parameters(new float[] {1, 2, Float.NaN, 4, 5, 6}, B)) {
            Checkpoint.save(p, file);
        }
        String problem = loadProblem(file);
        assertTrue(problem.contains("parameter w holds NaN at index 2"), problem);
    }

    @Test
    void aVersionOneFileWithoutChecksumStillLoadsAndSaysItsVersion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.ucb");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x55434231); // "UCB1": the format before checksums
            out.writeInt(2);
            for (Object[] p : new Object[][] {{"w", new long[] {2, 3}, W}, {"b", new long[] {2}, B}}) {
                out.writeUTF((String) p[0]);
                long[] shape = (long[]) p[1];
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : (float[]) p[2]) {
                    out.writeFloat(v);
                }
            }
        }
        assertEquals(1, Checkpoint.inspect(file).version());
        try (ParameterSet p = parameters(new float[6], new float[2])) {
            Checkpoint.load(file, p);
            assertArrayEquals(W, p.get("w").array().toFloatArray());
        }
        // and a truncated version-one file is refused, not an EOFException
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertTrue(loadProblem(file).contains("truncated"));
    }
}
