package org.uniconbench.baselines.nn;

import org.uniconbench.files.AtomicFile;

import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads a {@link ParameterSet}'s values: a small self-describing binary file, written
 * atomically.
 *
 * <p>Format version 2 ({@value #FORMAT_VERSION}): magic {@code UCB2}, the format version, the
 * parameter count, then name, shape and float32 values per parameter, then the SHA-256 of every
 * byte before it. Loading checks the checksum, the size and that every value is finite, so a
 * truncated, bit-flipped or NaN-filled file is refused with a {@link CorruptCheckpointException}
 * naming the file and the problem. Version 1 files ({@code UCB1}, no version and no checksum) still
 * load, with the finiteness check only; {@link #inspect} says which kind a file is.
 */
public final class Checkpoint {

    /** The format this class writes. */
    public static final int FORMAT_VERSION = 2;

    private static final int MAGIC_V1 = 0x55434231; // "UCB1": no version, no checksum
    private static final int MAGIC = 0x55434232; // "UCB2"
    private static final int HASH_BYTES = 32;

    private Checkpoint() {
    }

    /** A file that cannot be trusted: truncated, its checksum does not match, or non-finite values. */
    public static final class CorruptCheckpointException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptCheckpointException(Path file, String problem) {
            super(file.toAbsolutePath() + " is damaged: " + problem);
        }
    }

    /**
     * What a file is, without loading it into a model.
     *
     * @param version the format version (1: no checksum)
     * @param parameters parameter count
     */
    public record Contents(int version, int parameters) {
    }

    /**
     * Writes every parameter to {@code file} (through a temporary file, then an atomic move).
     *
     * @param parameters what to save
     * @param file destination
     * @throws IOException when writing fails
     */
    public static void save(ParameterSet parameters, Path file) throws IOException {
        AtomicFile.write(file, stream -> writeTo(stream, parameters));
    }

    private static void writeTo(OutputStream stream, ParameterSet parameters) throws IOException {
        MessageDigest sha = sha256();
        try (OutputStream raw = new BufferedOutputStream(stream);
                DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, sha))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(parameters.all().size());
            for (ParameterSet.Parameter p : parameters.all()) {
                out.writeUTF(p.name());
                long[] shape = p.array().getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : p.array().toFloatArray()) {
                    out.writeFloat(v);
                }
            }
            out.flush();
            raw.write(sha.digest()); // the trailer is not part of what it sums
        }
    }

    /**
     * Reads and checks a whole file (checksum, size, finite values) without a model to load into.
     *
     * @param file the checkpoint
     * @return its version and parameter count
     * @throws CorruptCheckpointException when the file is damaged
     * @throws IOException when it cannot be read
     */
    public static Contents inspect(Path file) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        int version = read(file, values, (name, shape) -> {});
        return new Contents(version, values.size());
    }

    /**
     * Loads a checkpoint into parameters of the same names and shapes.
     *
     * @param file the checkpoint
     * @param parameters destination; must hold exactly the checkpoint's parameters
     * @throws CorruptCheckpointException when the file is damaged (truncated, checksum, NaN or infinite values)
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when names or shapes differ (a checkpoint of another
     *     architecture)
     */
    public static void load(Path file, ParameterSet parameters) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        read(file, values, (name, shape) -> {
            ParameterSet.Parameter target = parameters.get(name);
            if (target == null || !Arrays.equals(target.array().getShape().getShape(), shape)) {
                throw new IllegalArgumentException(file + ": parameter " + name + " "
                        + Arrays.toString(shape) + " does not match the configured backbone ("
                        + (target == null ? "no such parameter" : target.array().getShape())
                        + "); the checkpoint was made for another architecture");
            }
        });
        if (values.size() != parameters.all().size()) {
            throw new IllegalArgumentException(file + " holds " + values.size() + " parameters, the "
                    + "configured backbone has " + parameters.all().size());
        }
        values.forEach(parameters::set);
    }

    /** Checks a parameter's name and shape before its values are read. */
    private interface ShapeCheck {
        void check(String name, long[] shape);
    }

    /** Reads every parameter into {@code values}; returns the format version. */
    private static int read(Path file, Map<String, float[]> values, ShapeCheck check) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int version;
        int end;
        if (bytes.length >= 4 && readInt(bytes) == MAGIC_V1) {
            version = 1;
            end = bytes.length;
        } else if (bytes.length >= 4 && readInt(bytes) == MAGIC) {
            if (bytes.length < 12 + HASH_BYTES) {
                throw new CorruptCheckpointException(file, "truncated (" + bytes.length + " bytes)");
            }
            end = bytes.length - HASH_BYTES;
            MessageDigest sha = sha256();
            sha.update(bytes, 0, end);
            if (!MessageDigest.isEqual(sha.digest(), Arrays.copyOfRange(bytes, end, bytes.length))) {
                throw new CorruptCheckpointException(file, "its SHA-256 checksum does not match its contents "
                        + "(truncated or changed since it was written)");
            }
            version = readInt(Arrays.copyOfRange(bytes, 4, 8));
            if (version != FORMAT_VERSION) {
                throw new CorruptCheckpointException(file, "format version " + version + ", this build reads "
                        + FORMAT_VERSION);
            }
        } else {
            throw new IllegalArgumentException(file + " is not a UniCon Bench checkpoint");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, end))) {
            in.skipNBytes(version == 1 ? 4 : 8);
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                check.check(name, shape);
                if (size < 0 || size * Float.BYTES > in.available()) {
                    throw new CorruptCheckpointException(file, "truncated in parameter " + name);
                }
                float[] v = new float[(int) size];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                    if (!Float.isFinite(v[k])) {
                        throw new CorruptCheckpointException(file, "parameter " + name + " holds " + v[k]
                                + " at index " + k + " (weights must be finite)");
                    }
                }
                values.put(name, v);
            }
            if (in.available() > 0) {
                throw new CorruptCheckpointException(file,
                        in.available() + " unexpected bytes after the last parameter");
            }
        } catch (EOFException | java.io.UTFDataFormatException ex) {
            throw new CorruptCheckpointException(file, "truncated (" + bytes.length + " bytes)");
        }
        return version;
    }

    private static int readInt(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
