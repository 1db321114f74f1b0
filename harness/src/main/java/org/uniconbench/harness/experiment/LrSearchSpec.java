package org.uniconbench.harness.experiment;

import java.util.List;
import java.util.Locale;
import org.uniconbench.baselines.train.HeldOutScore;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code training.lr_search:} block: before control training, a copy of an arm's starting
 * adapter trains for {@code steps} steps at each rate, and the rate whose denoising loss on held-out
 * training images is lowest trains the arm; never a fidelity metric. Without {@code tuning_seed}
 * every arm and seed searches for itself, from its own seed; with it, each arm searches once, from
 * {@code tuning_seed}, before any arm trains, and every evaluated seed of the arm trains at that
 * rate (so the search's noise is not among the evaluated seeds, and not in their interval).
 *
 * <p>{@code held_out_from} and {@code held_out_target} say what the held-out loss scores: by default
 * the training loss (noise target) over the whole schedule; {@code held_out_target: clean} with
 * {@code held_out_from: 0.5} scores the predicted clean image at the noisier half of the timesteps,
 * where a condition carries what the noisy image hides ({@link HeldOutScore}). Which one a claim file
 * uses is our choice, written in its header before it runs; it applies to every arm alike.
 *
 * @param rates Adam learning rates to try, at least 2, each in (0, 1], no repeats
 * @param steps steps per rate, 1..10000000
 * @param tuningSeed the seed of the one search per arm, not one of {@code seeds}; null: a search per
 *     arm and seed
 * @param heldOutFrom the held-out loss scores timesteps from this fraction of the schedule on, in [0, 0.99]
 * @param heldOutTarget what the held-out loss compares: the noise (the training loss) or the clean image
 */
public record LrSearchSpec(List<Double> rates, int steps, Integer tuningSeed, double heldOutFrom,
        HeldOutScore.Target heldOutTarget) {

    /** Keys of the block. */
    static final List<String> KEYS = List.of("rates", "steps", "tuning_seed", "held_out_from", "held_out_target");

    /** The largest {@code held_out_from}: the scored range keeps at least 1% of the schedule. */
    static final double MAX_HELD_OUT_FROM = 0.99;

    /** Copies. */
    public LrSearchSpec {
        rates = List.copyOf(rates);
    }

    /** The training loss over the whole schedule. */
    public LrSearchSpec(List<Double> rates, int steps, Integer tuningSeed) {
        this(rates, steps, tuningSeed, 0, HeldOutScore.Target.NOISE);
    }

    /** A search per arm and seed, scored by the training loss over the whole schedule. */
    public LrSearchSpec(List<Double> rates, int steps) {
        this(rates, steps, null);
    }

    /** Whether the held-out loss is the training loss over the whole schedule (the default). */
    public boolean scoresTrainingLoss() {
        return heldOutFrom == 0 && heldOutTarget == HeldOutScore.Target.NOISE;
    }

    /** How the held-out loss scores, with {@code draws} timesteps per image. */
    public HeldOutScore heldOutScore(int draws) {
        return new HeldOutScore(draws, heldOutFrom, heldOutTarget);
    }

    /** The YAML name of a target: {@code noise} or {@code clean}. */
    public static String yamlName(HeldOutScore.Target target) {
        return target.name().toLowerCase(Locale.ROOT);
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
        double heldOutFrom = m.number("held_out_from", 0,
                new Interval(0, false, MAX_HELD_OUT_FROM, false));
        HeldOutScore.Target heldOutTarget = m.choice("held_out_target", HeldOutScore.Target.NOISE,
                HeldOutScore.Target.values(), LrSearchSpec::yamlName);
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
        return rates.size() == items.size() && rates.size() >= 2
                ? new LrSearchSpec(rates, steps, tuningSeed, heldOutFrom, heldOutTarget)
                : null;
    }

    /** A seed above every evaluated one. */
    private static int unused(List<Integer> seeds) {
        return Math.max(1000, seeds.stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
    }
}
