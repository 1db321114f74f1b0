package org.uniconbench.harness.experiment;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code training.lr_search:} block: before control training, a copy of an arm's starting
 * adapter trains for {@code steps} steps at each rate, and the rate whose denoising loss on held-out
 * training images is lowest trains the arm; never a fidelity metric. Without {@code tuning_seed}
 * every arm and seed searches for itself, from its own seed; with it, each arm searches once, from
 * {@code tuning_seed}, before any arm trains, and every evaluated seed of the arm trains at that
 * rate (so the search's noise is not among the evaluated seeds, and not in their interval).
 *
 * @param rates Adam learning rates to try, at least 2, each in (0, 1], no repeats
 * @param steps steps per rate, 1..10000000
 * @param tuningSeed the seed of the one search per arm, not one of {@code seeds}; null: a search per
 *     arm and seed
 */
public record LrSearchSpec(List<Double> rates, int steps, Integer tuningSeed) {

    /** Keys of the block. */
    static final List<String> KEYS = List.of("rates", "steps", "tuning_seed");

    /** Copies. */
    public LrSearchSpec {
        rates = List.copyOf(rates);
    }

    /** A search per arm and seed. */
    public LrSearchSpec(List<Double> rates, int steps) {
        this(rates, steps, null);
    }

    /**
     * Reads {@code training.lr_search}, null when absent; records problems (a list of fewer than
     * two rates, a rate outside (0, 1] or repeated, missing or bad steps).
     */
    static LrSearchSpec read(MappingReader training, List<Integer> seeds, Problems p) {
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
        Integer tuningSeed = null;
        if (m.has("tuning_seed")) {
            tuningSeed = m.integer("tuning_seed", 0, 0, Integer.MAX_VALUE);
            if (seeds.contains(tuningSeed)) {
                String path = m.child("tuning_seed");
                p.add(path, p.lineOf(m.line(), path), path + " = " + tuningSeed + " is one of seeds " + seeds
                        + "; allowed: a seed that is not evaluated (for example " + unused(seeds)
                        + "), so that the search's noise stays out of the evaluated seeds");
            }
        }
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
        return rates.size() == items.size() && rates.size() >= 2 ? new LrSearchSpec(rates, steps, tuningSeed) : null;
    }

    /** A seed above every evaluated one. */
    private static int unused(List<Integer> seeds) {
        return Math.max(1000, seeds.stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
    }
}
