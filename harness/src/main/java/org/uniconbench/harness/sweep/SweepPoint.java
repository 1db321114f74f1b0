package org.uniconbench.harness.sweep;

import org.uniconbench.harness.experiment.Experiment;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a sweep.
 *
 * @param index its place in the product, from 0 (the first axis varies slowest)
 * @param values the value of each axis, by key, in the axes' order
 * @param experiment the point's experiment, validated, named {@code NAME-pINDEX}
 */
public record SweepPoint(int index, Map<String, Object> values, Experiment experiment) {

    /** {@code training.learning_rate=1.0E-4, seeds=[0, 1]}. */
    public String describe() {
        return values.entrySet().stream().map(v -> v.getKey() + "=" + v.getValue()).collect(Collectors.joining(", "));
    }
}
