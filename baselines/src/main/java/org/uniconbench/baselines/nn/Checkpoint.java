package org.uniconbench.baselines.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads a {@link ParameterSet}'s values: a small self-describing binary file (magic,
 * then name, shape and float32 values per parameter), written atomically.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x55434231; // "UCB1"

    private Checkpoint() {
    }

    /**
     * Writes every parameter to {@code file} (through a temporary file, then an atomic move).
     *
     * @param parameters what to save
     * @param file destination
     * @throws IOException when writing fails
     */
    public static void save(ParameterSet parameters, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
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
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads a checkpoint into parameters of the same names and shapes.
     *
     * @param file the checkpoint
     * @param parameters destination; must hold exactly the checkpoint's parameters
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when names or shapes differ (a checkpoint of another
     *     architecture)
     */
    public static void load(Path file, ParameterSet parameters) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a UniCon Bench checkpoint");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                ParameterSet.Parameter target = parameters.get(name);
                if (target == null || !Arrays.equals(target.array().getShape().getShape(), shape)) {
                    throw new IllegalArgumentException(file + ": parameter " + name + " "
                            + Arrays.toString(shape) + " does not match the configured backbone ("
                            + (target == null ? "no such parameter" : target.array().getShape())
                            + "); the checkpoint was made for another architecture");
                }
                float[] v = new float[(int) size];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                values.put(name, v);
            }
        }
        if (values.size() != parameters.all().size()) {
            throw new IllegalArgumentException(file + " holds " + values.size() + " parameters, the "
                    + "configured backbone has " + parameters.all().size());
        }
        values.forEach(parameters::set);
    }
}
