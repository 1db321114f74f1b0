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

    /**
     * The condition of one example, which may use the dataset's exact mask and depth map. Image-only
     * conditions ignore them.
     *
     * @param image a clean image in [0, 1]
     * @param mask its exact foreground mask, or null where the dataset has none
     * @param depth its depth map, or null where the dataset has none
     * @return the condition
     */
    default GrayImage of(GrayImage image, GrayImage mask, GrayImage depth) {
        return of(image);
    }

    /** Which kind of condition this is: its name in experiment files. */
    ConditionKind kind();

    /** Whether the condition needs the procedural dataset's masks and depth maps. */
    default boolean needsScene() {
        return kind().needsScene();
    }

    /** A short name for reports. */
    String describe();

    /**
     * Canny edges (1 on an edge, 0 elsewhere), as in ControlNet's Canny model, drawn by
     * kornia's detector as ControlNet++ scores them ({@link CannyEdges}).
     *
     * @param edges the edge detector (also used by the edge F1 metric)
     */
    record Canny(CannyEdges edges) implements Condition {
        @Override
        public ConditionKind kind() {
            return ConditionKind.CANNY;
        }

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
        public ConditionKind kind() {
            return ConditionKind.DOWNSAMPLE;
        }

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

    /**
     * The procedural dataset's exact foreground mask (1 on a shape, 0 on the background): a
     * segmentation-style condition. Needs {@link ShapesDataset}; Fashion-MNIST has no masks.
     */
    record Mask() implements Condition {
        @Override
        public ConditionKind kind() {
            return ConditionKind.MASK;
        }

        @Override
        public GrayImage of(GrayImage image) {
            throw new DatasetException("the mask condition needs the dataset's exact masks; "
                    + "only the procedural shapes dataset has them");
        }

        @Override
        public GrayImage of(GrayImage image, GrayImage mask, GrayImage depth) {
            if (mask == null) {
                return of(image);
            }
            return mask;
        }

        @Override
        public String describe() {
            return "exact mask";
        }
    }

    /**
     * The procedural dataset's depth map in [0, 1] (0 nearest, the background 1), rendered so that
     * {@link ShapesDataset#oracleDepth} recovers it from an image. Needs {@link ShapesDataset}.
     */
    record Depth() implements Condition {
        @Override
        public ConditionKind kind() {
            return ConditionKind.DEPTH;
        }

        @Override
        public GrayImage of(GrayImage image) {
            throw new DatasetException("the depth condition needs the dataset's depth maps; "
                    + "only the procedural shapes dataset has them");
        }

        @Override
        public GrayImage of(GrayImage image, GrayImage mask, GrayImage depth) {
            if (depth == null) {
                return of(image);
            }
            return depth;
        }

        @Override
        public String describe() {
            return "depth map (procedural)";
        }
    }
}
