package org.uniconbench.harness.experiment;

/** Which images the backbone and adapters learn ({@code dataset.kind:}). */
public enum DatasetKind {
    /** Synthetic coloured shapes generated in memory from the seed; needs no files. */
    SHAPES("shapes"),
    /** Fashion-MNIST read from its gzipped IDX files ({@code dataset.path}). */
    FASHION_MNIST("fashion-mnist");

    private final String yamlName;

    DatasetKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code fashion-mnist}. */
    public String yamlName() {
        return yamlName;
    }
}
