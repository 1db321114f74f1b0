package org.uniconbench.harness.verdict;

import java.util.List;
import java.util.Locale;

/**
 * Repeated readings of one figure, of which the quality gate uses the mean: the backbone's
 * FD-classifier from several starting noises, or the real-vs-real floor from several blocks of real
 * images ({@code train.BackboneGate}).
 *
 * @param values the readings, at least one, in the order they were taken
 */
public record Draws(List<Double> values) {

    /** Copies the readings; at least one. */
    public Draws {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("draws need at least one reading");
        }
    }

    /** The mean of the readings. */
    public double mean() {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * The readings' count and range for a message: {@code " (mean of 5 starting noises, 0.834-1.43)"},
     * or nothing for one reading.
     *
     * @param what what each reading came from, plural ({@code starting noises}, {@code real sets})
     * @return the text, starting with a space, or empty
     */
    public String spread(String what) {
        return values.size() < 2 ? "" : String.format(Locale.ROOT, " (mean of %d %s, %.3g-%.3g)", values.size(), what,
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
}
