package org.uniconbench.harness.experiment;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code training.lr_search:} block: before control training, every arm (and seed) trains a
 * copy of its starting adapter for {@code steps} steps at each rate and keeps the rate whose
 * denoising loss on held-out training images is lowest; never a fidelity metric.
 *
 * @param rates Adam learning rates to try, at least 2, each in (0, 1], no repeats
 * @param steps steps per rate, 1..10000000
 */
public record LrSearchSpec(List<Double> rates, int steps) {

    /** Keys of the block. */
    static final List<String> KEYS = List.of("rates", "steps");

    /** Copies. */
    public LrSearchSpec {
        rates = List.copyOf(rates);
    }

    /**
     * Reads {@code training.lr_search}, null when absent; records problems (a list of fewer than
     * two rates, a rate outside (0, 1] or repeated, missing or bad steps).
     */
    static LrSearchSpec read(MappingReader training, Problems p) {
        if (!training.has("lr_search")) {
            return null;
        }
        MappingReader m = training.section("lr_search", KEYS);
        String ratesPath = m.child("rates");
        List<Node> items = m.require("rates", "a list of at least 2 learning rates in (0, 1]")
                ? m.list("rates", "a list of at least 2 learning rates in (0, 1]",
                        "for example rates: [1.0e-4, 3.0e-4, 1.0e-3]")
                : null;
        boolean hasSteps = m.require("steps", "an integer in 1..10000000 (steps per rate)");
        int steps = m.integer("steps", 1, 1, 10_000_000);
        if (items == null || !hasSteps) {
            return null;
        }
        List<Double> rates = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Double rate = p.number(ratesPath + "[" + i + "]", items.get(i), Interval.openClosed(0, 1));
            if (rate != null && rates.contains(rate)) {
                p.add(ratesPath + "[" + i + "]", Problems.line(items.get(i)), ratesPath + "[" + i + "] = "
                        + Interval.plain(rate) + " repeats an earlier rate; allowed: each rate once");
            } else if (rate != null) {
                rates.add(rate);
            }
        }
        if (items.size() < 2) {
            p.add(ratesPath, p.lineOf(m.line(), ratesPath), ratesPath + " has " + items.size()
                    + " rate(s); allowed: at least 2 (with one rate there is nothing to search: set training.learning_rate)");
        }
        return rates.size() == items.size() && rates.size() >= 2 ? new LrSearchSpec(rates, steps) : null;
    }
}
