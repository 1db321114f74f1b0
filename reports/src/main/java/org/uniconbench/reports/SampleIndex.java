package org.uniconbench.reports;

import java.util.List;

/**
 * The contents of {@code samples/index.json}: how many samples were saved and under which columns.
 *
 * <p>Sample {@code i} of column {@code c} lives at {@code samples/c/%03d.png}; see
 * {@link RunFolder#samplePath(String, int)}.
 *
 * @param count number of samples per column
 * @param columns column names in display order, e.g. condition, target, backbone, controlnet, unicon
 */
public record SampleIndex(int count, List<String> columns) {
    /** Copies {@code columns} so the index is immutable. */
    public SampleIndex {
        columns = List.copyOf(columns);
    }
}
