package org.uniconbench.baselines.data;

import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.GrayImage;

/**
 * Makes a condition image from a clean image: what the adapter is given to steer the backbone.
 */
public sealed interface Condition {

    /**
     * The condition image of {@code image}, same size, in [0, 1].
     *
     * @param image a clean image in [0, 1]
     * @return the condition
     */
    GrayImage of(GrayImage image);

    /** A short name for reports. */
    String describe();

    /**
     * Canny edges (1 on an edge, 0 elsewhere), as in ControlNet's Canny model.
     *
     * @param edges the edge detector (also used by the edge F1 metric)
     */
    record Canny(CannyEdges edges) implements Condition {
        @Override
        public GrayImage of(GrayImage image) {
            return edges.detectAsImage(image);
        }

        @Override
        public String describe() {
            return "canny(blur " + edges.blurRadius() + ", " + edges.lowThreshold() + "/"
                    + edges.highThreshold() + ")";
        }
    }

    /**
     * Super-resolution input: the image averaged over {@code factor x factor} blocks, then
     * repeated back to full size (nearest neighbour) so the adapter sees one resolution.
     *
     * @param factor 2, 4 or 8; must divide the resolution
     */
    record Downsample(int factor) implements Condition {
        @Override
        public GrayImage of(GrayImage image) {
            int w = image.width();
            int h = image.height();
            if (w % factor != 0 || h % factor != 0) {
                throw new DatasetException("resolution " + w + "x" + h
                        + " is not divisible by the downsampling factor " + factor);
            }
            float[] out = new float[w * h];
            for (int by = 0; by < h; by += factor) {
                for (int bx = 0; bx < w; bx += factor) {
                    double sum = 0;
                    for (int y = by; y < by + factor; y++) {
                        for (int x = bx; x < bx + factor; x++) {
                            sum += image.get(x, y);
                        }
                    }
                    float mean = (float) (sum / (factor * factor));
                    for (int y = by; y < by + factor; y++) {
                        for (int x = bx; x < bx + factor; x++) {
                            out[y * w + x] = mean;
                        }
                    }
                }
            }
            return new GrayImage(w, h, out);
        }

        @Override
        public String describe() {
            return factor + "x downsampling";
        }
    }
}
