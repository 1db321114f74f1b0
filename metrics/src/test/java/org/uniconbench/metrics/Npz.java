package org.uniconbench.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a NumPy {@code .npz} file ({@code numpy.savez} or {@code savez_compressed}): a zip of
 * {@code .npy} arrays, C order, little-endian {@code float32}, {@code float64}, {@code uint8} or
 * {@code int32}, NPY format 1.0 or 2.0. Enough for the golden files the Python scripts write.
 */
final class Npz {

    /** One array: its dtype, shape and values widened to double. */
    record Array(String dtype, int[] shape, double[] values) {

        /** The values of a 2-D float32 array as an image (rows are the first axis). */
        GrayImage image() {
            float[] p = new float[values.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) values[i];
            }
            return GrayImage.of(shape[1], shape[0], p);
        }

        /** The values as a mask, true where nonzero. */
        boolean[] mask() {
            boolean[] m = new boolean[values.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = values[i] != 0;
            }
            return m;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** Reads every array of the file, keyed by name without {@code .npy}, in name order. */
    static Map<String, Array> read(InputStream in) throws IOException {
        Map<String, Array> arrays = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().replaceFirst("\\.npy$", "");
                arrays.put(name, parse(name, zip.readAllBytes()));
            }
        }
        return arrays;
    }

    private static Array parse(String name, byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93
                || !"NUMPY".equals(new String(bytes, 1, 5, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(name + ": not an .npy array");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLength, StandardCharsets.US_ASCII);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(name + ": Fortran order is not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalArgumentException(name + ": unreadable header " + header);
        }
        String dtype = d.group(1);
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double[] values = new double[count];
        b.position(start + headerLength);
        for (int i = 0; i < count; i++) {
            values[i] = switch (dtype) {
                case "<f4" -> b.getFloat();
                case "<f8" -> b.getDouble();
                case "|u1" -> Byte.toUnsignedInt(b.get());
                case "<i4" -> b.getInt();
                default -> throw new IllegalArgumentException(name + ": unsupported dtype " + dtype);
            };
        }
        return new Array(dtype, shape, values);
    }
}
