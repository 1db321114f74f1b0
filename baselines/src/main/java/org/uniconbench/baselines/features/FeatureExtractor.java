package org.uniconbench.baselines.features;

import org.uniconbench.metrics.GrayImage;

import java.util.List;

/** Maps images to fixed-length feature vectors, one row per image. */
public interface FeatureExtractor extends AutoCloseable {

    /**
     * The features of each image.
     *
     * @param images images in [0, 1], all of the extractor's resolution
     * @return {@code [images.size()][dimension()]}
     */
    float[][] features(List<GrayImage> images);

    /** Length of a feature vector. */
    int dimension();

    /** Frees the extractor's native memory. */
    @Override
    void close();
}
