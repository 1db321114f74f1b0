package org.uniconbench.harness.experiment;

import java.util.List;

/**
 * Reads the {@code backbone.pretrain:} block: budget, learning rate and the weight average
 * ({@code ema_decay}, see {@link PretrainSpec}). Kept out of {@link ExperimentLoader} so that the
 * loader stays one screenful per block.
 */
final class PretrainReader {

    /** The block's keys, in the order the README documents them. */
    static final List<String> KEYS = List.of("steps", "batch_size", "learning_rate", "ema_decay");

    /** [0, 1): 0 is off; 1 would never move from the random initialisation. */
    private static final Interval EMA_DECAY = new Interval(0, false, 1, true);

    private PretrainReader() {
    }

    /**
     * Reads the block, with its defaults.
     *
     * @param pre the block ({@code backbone.pretrain})
     * @return the block's values
     */
    static PretrainSpec read(MappingReader pre) {
        return new PretrainSpec(
                pre.integer("steps", 1500, 0, 10_000_000),
                pre.integer("batch_size", 32, 1, 4096),
                pre.number("learning_rate", 2e-4, Interval.openClosed(0, 1)),
                pre.number("ema_decay", PretrainSpec.DEFAULT_EMA_DECAY, EMA_DECAY));
    }
}
