package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Runs {@code src/test/python/reference.py} with the repository's virtual environment, and writes
 * the files it reads: .npy arrays and Fashion-MNIST images.
 *
 * <p>The interpreter is {@code ../.venv/bin/python} from the module folder (the repository root's
 * {@code .venv}, created by {@code ./scripts/test}). When it is missing the test FAILS, never skips:
 * a cross-check that silently does not run is worse than none.
 */
final class ReferencePython {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path PYTHON = MODULE.getParent().resolve(".venv/bin/python");
    static final Path SCRIPT = MODULE.resolve("src/test/python/reference.py");
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");

    private ReferencePython() {
    }

    /** Runs {@code reference.py args...} and returns its stdout lines; fails the test on error. */
    static List<String> run(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("The reference cross-checks need " + PYTHON + " with numpy, scipy and scikit-image; "
                    + "run ./scripts/test from the repository root once (it creates .venv), then rerun.");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("reference.py " + String.join(" ", args) + " timed out");
        }
        if (p.exitValue() != 0) {
            fail("reference.py " + String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n"
                    + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Writes a float32 image as a (height, width) .npy array. */
    static Path writeNpy(Path file, GrayImage image) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4 * image.pixels().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : image.pixels()) {
            data.putFloat(v);
        }
        return writeNpy(file, "<f4", "(" + image.height() + ", " + image.width() + ")", data.array());
    }

    /** Writes an N x D matrix as a float64 .npy array (float features are widened exactly). */
    static Path writeNpy(Path file, float[][] rows) throws IOException {
        int d = rows[0].length;
        ByteBuffer data = ByteBuffer.allocate(8 * rows.length * d).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                data.putDouble(v);
            }
        }
        return writeNpy(file, "<f8", "(" + rows.length + ", " + d + ")", data.array());
    }

    private static Path writeNpy(Path file, String descr, String shape, byte[] data)
            throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '" + descr
                + "', 'fortran_order': False, 'shape': " + shape + ", }");
        // NPY 1.0: magic (6) + version (2) + header length (2) + header, padded to 64 with '\n' last.
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                .put((byte) 0).putShort((short) header.length());
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[10 + h.length + data.length];
        System.arraycopy(head.array(), 0, all, 0, 10);
        System.arraycopy(h, 0, all, 10, h.length);
        System.arraycopy(data, 0, all, 10 + h.length, data.length);
        Files.write(file, all);
        return file;
    }

    /** Reads the first {@code count} Fashion-MNIST test images as 28x28 images in [0,1]. */
    static List<GrayImage> fashionMnist(int count) throws IOException {
        if (!Files.isReadable(FASHION_MNIST)) {
            fail("Missing " + FASHION_MNIST + " (Debian package dataset-fashion-mnist); run "
                    + "./scripts/test, which installs it.");
        }
        try (var in = new java.io.DataInputStream(
                new GZIPInputStream(Files.newInputStream(FASHION_MNIST)))) {
            assertEquals(2051, in.readInt(), "IDX magic of " + FASHION_MNIST);
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            List<GrayImage> images = new ArrayList<>();
            byte[] buf = new byte[rows * cols];
            for (int k = 0; k < Math.min(count, n); k++) {
                in.readFully(buf);
                float[] p = new float[buf.length];
                for (int i = 0; i < buf.length; i++) {
                    p[i] = (float) ((buf[i] & 0xff) / 255.0);
                }
                images.add(GrayImage.of(cols, rows, p));
            }
            return images;
        }
    }

    /**
     * A procedural image in [0,1]: a linear gradient background with a filled rectangle and a filled
     * disc of random intensities, deterministic for a seed.
     */
    static GrayImage procedural(int w, int h, long seed) {
        TestImages.Lcg r = new TestImages.Lcg(seed);
        double gx = r.next() - 0.5;
        double gy = r.next() - 0.5;
        double base = 0.2 + 0.3 * r.next();
        int rx0 = (int) (r.next() * w * 0.6);
        int ry0 = (int) (r.next() * h * 0.6);
        int rx1 = rx0 + 2 + (int) (r.next() * w * 0.4);
        int ry1 = ry0 + 2 + (int) (r.next() * h * 0.4);
        double rectValue = r.next();
        double cx = r.next() * w;
        double cy = r.next() * h;
        double radius = 2 + r.next() * Math.min(w, h) * 0.3;
        double discValue = r.next();
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = base + 0.5 * (gx * x / w + gy * y / h);
                if (x >= rx0 && x < rx1 && y >= ry0 && y < ry1) {
                    v = rectValue;
                }
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    v = discValue;
                }
                p[y * w + x] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return GrayImage.of(w, h, p);
    }

    /** Multiplies every pixel by {@code scale} and adds {@code offset}, in float. */
    static GrayImage affine(GrayImage image, float scale, float offset) {
        float[] p = image.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] * scale + offset;
        }
        return GrayImage.of(image.width(), image.height(), p);
    }
}
