package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.data.DatasetKind;
import java.util.Objects;

/**
 * The {@code dataset:} block: which images, at what size, how many.
 *
 * @param kind       synthetic shapes or Fashion-MNIST
 * @param resolution image side in pixels, 8..256, divisible by 2^(backbone levels - 1)
 * @param trainSize  training images, 16..1000000
 * @param evalSize   held-out images for evaluation, 1..10000
 * @param path       folder with the Fashion-MNIST gz IDX files; {@code null} means
 *                   {@value #DEFAULT_FASHION_MNIST_PATH} (always {@code null} for shapes)
 */
public record DatasetSpec(DatasetKind kind, int resolution, int trainSize, int evalSize, String path) {

    /** Where Fashion-MNIST is read from when {@code path} is {@code null}. */
    public static final String DEFAULT_FASHION_MNIST_PATH = "/usr/share/datasets/fashion-mnist";

    /** Rejects a null kind. */
    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
    }

    /** The folder to read Fashion-MNIST from: {@code path}, or the default when it is null. */
    public String effectivePath() {
        return path != null ? path : DEFAULT_FASHION_MNIST_PATH;
    }
}
