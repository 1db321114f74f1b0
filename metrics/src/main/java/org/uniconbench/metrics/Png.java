package org.uniconbench.metrics;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads and writes gray images as PNG files through {@code javax.imageio}.
 *
 * <p>Writing maps {@code [low, high]} linearly to 0..255, clamps and rounds to the nearest
 * integer (NaN becomes 0), and stores an 8-bit grayscale PNG. Reading returns values in [0,1]:
 * gray PNGs (any bit depth) are read from the raw samples, divided by the largest sample value, so
 * a written 8-bit image reads back as {@code k / 255} exactly; color PNGs are converted to luma
 * with the ITU-R BT.601 weights {@code 0.299 R + 0.587 G + 0.114 B} on the sRGB components (the
 * same weights as PIL's {@code convert("L")}, without its rounding to 8 bits); alpha is ignored.
 */
public final class Png {

    private Png() {
    }

    /**
     * Writes an image as an 8-bit grayscale PNG; the parent folder must exist.
     *
     * @param image the image
     * @param file the destination, overwritten if present
     * @param low value mapped to 0
     * @param high value mapped to 255, greater than {@code low}
     * @throws IOException if the file cannot be written
     */
    public static void write(GrayImage image, Path file, float low, float high) throws IOException {
        Files.write(file, encode(image, low, high));
    }

    /**
     * Encodes an image as 8-bit grayscale PNG bytes, e.g. for a {@code data:image/png;base64} URI.
     *
     * @param image the image
     * @param low value mapped to 0
     * @param high value mapped to 255, greater than {@code low}
     * @return the PNG file contents
     */
    public static byte[] encode(GrayImage image, float low, float high) {
        if (!(high > low) || Float.isInfinite(low) || Float.isInfinite(high)) {
            throw new IllegalArgumentException(
                    "PNG range needs finite low < high, found low=" + low + ", high=" + high);
        }
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        double scale = 255.0 / ((double) high - low);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double v = Math.rint((image.get(x, y) - (double) low) * scale);
                int level = Double.isNaN(v) ? 0 : (int) Math.max(0, Math.min(255, v));
                raster.setSample(x, y, 0, level);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(out, "png", bytes)) {
                throw new IllegalStateException("No PNG writer available in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding PNG in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a PNG (or any format javax.imageio reads) as a gray image with values in [0,1].
     *
     * @param file the image file
     * @return the gray image
     * @throws IOException if the file cannot be read or is not an image
     */
    public static GrayImage read(Path file) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        if (in == null) {
            throw new IOException("Not an image javax.imageio can read: " + file);
        }
        int w = in.getWidth();
        int h = in.getHeight();
        float[] pixels = new float[w * h];
        Raster raster = in.getRaster();
        boolean gray = in.getColorModel().getNumColorComponents() == 1
                && !(in.getColorModel() instanceof java.awt.image.IndexColorModel);
        if (gray) {
            // Raw samples: getRGB would push gray through a linear-to-sRGB conversion.
            double max = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = (float) (raster.getSample(x, y, 0) / max);
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = in.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    pixels[y * w + x] = (float) ((0.299 * r + 0.587 * g + 0.114 * b) / 255.0);
                }
            }
        }
        return new GrayImage(w, h, pixels);
    }
}
