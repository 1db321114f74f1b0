package org.uniconbench.baselines.data;

import org.uniconbench.baselines.Spelled;

/** Which images the backbone and adapters learn ({@code dataset.kind:} in experiment files). */
public enum DatasetKind implements Spelled {
    /** Synthetic coloured shapes with exact masks and depth maps, generated in memory from the seed; needs no files. */
    SHAPES,
    /** Fashion-MNIST read from its gzipped IDX files: Debian's package, or a folder ({@code dataset.path}). */
    FASHION_MNIST
}
