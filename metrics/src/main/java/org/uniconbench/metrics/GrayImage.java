package org.uniconbench.metrics;

/**
 * A single-channel float image stored row-major, with any value range.
 *
 * <p>The pixel at column {@code x} and row {@code y} is {@code pixels[y * width + x]}. The array is
 * not copied: callers that keep mutating it after construction share it with the record. As for
 * any record with an array component, {@code equals} and {@code hashCode} compare the array by
 * identity, not by content.
 *
 * @param width number of columns, at least 1
 * @param height number of rows, at least 1
 * @param pixels row-major values, exactly {@code width * height} of them
 */
public record GrayImage(int width, int height, float[] pixels) {

    /**
     * Checks the sizes once, at construction.
     *
     * @param width number of columns, at least 1
     * @param height number of rows, at least 1
     * @param pixels row-major values, exactly {@code width * height} of them
     */
    public GrayImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "Image width and height must be >= 1, found width=" + width + ", height=" + height);
        }
        if (pixels == null) {
            throw new IllegalArgumentException("Image pixels must not be null (width=" + width
                    + ", height=" + height + ")");
        }
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("Image pixels.length must equal width*height = " + width
                    + "*" + height + " = " + ((long) width * height) + ", found " + pixels.length);
        }
    }

    /**
     * Creates an image; same as the canonical constructor.
     *
     * @param width number of columns
     * @param height number of rows
     * @param pixels row-major values
     * @return the image
     */
    public static GrayImage of(int width, int height, float[] pixels) {
        return new GrayImage(width, height, pixels);
    }

    /**
     * Returns the value at column {@code x}, row {@code y}.
     *
     * @param x column, 0 to width-1
     * @param y row, 0 to height-1
     * @return the pixel value
     */
    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException(
                    "Pixel (" + x + ", " + y + ") outside a " + width + "x" + height + " image");
        }
        return pixels[y * width + x];
    }

    /** Returns {@code "widthxheight"}, for messages. */
    String sizeText() {
        return width + "x" + height;
    }

    /** The pixels widened to double, for metrics computed in double arithmetic (SSIM, MS-SSIM). */
    double[] doublePixels() {
        double[] out = new double[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[i];
        }
        return out;
    }

    /**
     * A row-major mask of the pixels strictly above a threshold (an edge map or a mask image read
     * as booleans).
     *
     * @param threshold pixels with a value {@code > threshold} are true
     * @return the mask, length {@code width * height}
     */
    public boolean[] above(float threshold) {
        boolean[] out = new boolean[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[i] > threshold;
        }
        return out;
    }
}
