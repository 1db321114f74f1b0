package org.uniconbench.baselines.data;

import org.uniconbench.metrics.GrayImage;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017) from gzipped IDX files, as installed by
 * Debian's {@code dataset-fashion-mnist} package under {@value #DEFAULT_FOLDER}.
 */
public final class FashionMnist {

    /** Where Debian's package puts the files. */
    public static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

    /** Class names, in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** Images in [0, 1] and labels. */
    record Raw(List<GrayImage> images, int[] labels) {
    }

    /**
     * Reads the first {@code count} examples of a split.
     *
     * @param folder folder with the four {@code *-idx?-ubyte.gz} files
     * @param train true for the 60000-image training split, false for the 10000-image test split
     * @param count how many (at most the split's size)
     * @return the images, 28x28
     * @throws DatasetException when a file is missing or malformed
     */
    static Raw read(Path folder, boolean train, int count) {
        String prefix = train ? "train" : "t10k";
        Path images = folder.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = folder.resolve(prefix + "-labels-idx1-ubyte.gz");
        for (Path file : List.of(images, labels)) {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException("Fashion-MNIST file " + file + " not found. Install Debian's "
                        + "package with `apt-get install dataset-fashion-mnist`, or set dataset.path to a "
                        + "folder holding " + prefix + "-images-idx3-ubyte.gz and " + prefix
                        + "-labels-idx1-ubyte.gz.");
            }
        }
        try (DataInputStream in = open(images); DataInputStream lin = open(labels)) {
            expectMagic(in, 2051, images);
            expectMagic(lin, 2049, labels);
            int available = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (lin.readInt() != available) {
                throw new DatasetException(labels + " and " + images + " hold different counts");
            }
            if (count > available) {
                throw new DatasetException("asked for " + count + " examples but " + images
                        + " holds " + available + "; lower the dataset size");
            }
            List<GrayImage> out = new ArrayList<>(count);
            int[] classes = new int[count];
            byte[] buffer = new byte[rows * cols];
            for (int i = 0; i < count; i++) {
                in.readFully(buffer);
                float[] pixels = new float[buffer.length];
                for (int p = 0; p < buffer.length; p++) {
                    pixels[p] = (buffer[p] & 0xff) / 255f;
                }
                out.add(new GrayImage(cols, rows, pixels));
                classes[i] = lin.readUnsignedByte();
            }
            return new Raw(out, classes);
        } catch (IOException e) {
            throw new DatasetException("Could not read Fashion-MNIST from " + folder + ": " + e.getMessage());
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new DatasetException(file + " is not an IDX file of the expected kind (magic "
                    + found + ", expected " + magic + ")");
        }
    }
}
