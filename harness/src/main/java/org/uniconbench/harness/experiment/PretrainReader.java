package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.train.LrSchedule;

import java.util.List;

/**
 * Reads the {@code backbone.pretrain:} block: budget, learning rate, the weight average
 * ({@code ema_decay}), the gate curve ({@code gate_every}) and the learning-rate schedule
 * ({@code lr_schedule}, {@code cooldown_steps}) and the loss weighting ({@code min_snr_gamma}), see {@link PretrainSpec}. Kept out of
 * {@link ExperimentLoader} so that the loader stays one screenful per block.
 */
final class PretrainReader {

    /** The block's keys, in the order the README documents them. */
    static final List<String> KEYS = List.of("steps", "batch_size", "learning_rate", "lr_schedule", "ema_decay",
            "gate_every", "min_snr_gamma", "cooldown_steps");

    /** [0, 1000]: 0 is off (the plain mean); the paper's default is 5. */
    private static final Interval MIN_SNR_GAMMA = new Interval(0, false, 1000, false);

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
                pre.number("ema_decay", PretrainSpec.DEFAULT_EMA_DECAY, EMA_DECAY),
                pre.integer("gate_every", 0, 0, 10_000_000),
                pre.choice("lr_schedule", LrSchedule.CONSTANT, LrSchedule.values(), LrSchedule::yamlName),
                pre.number("min_snr_gamma", 0, MIN_SNR_GAMMA),
                pre.integer("cooldown_steps", 0, 0, 10_000_000));
    }

    /**
     * A cooldown ends a constant rate: {@code cooldown_steps} must be at most {@code steps} and goes with
     * {@code lr_schedule: constant} (a cosine schedule already ends at 0).
     *
     * @param pretrain the block as read
     * @param line the line of {@code cooldown_steps}
     * @param p where the problem goes
     */
    static void checkCooldown(PretrainSpec pretrain, int line, Problems p) {
        String key = "backbone.pretrain.cooldown_steps";
        if (!p.ok(key) || !p.ok("backbone.pretrain.steps") || !pretrain.cooldown()) {
            return;
        }
        if (pretrain.cooldownSteps() > pretrain.steps()) {
            p.add(key, line, key + " = " + pretrain.cooldownSteps() + " is more than backbone.pretrain.steps = "
                    + pretrain.steps() + "; allowed: 0 (none) to the steps");
        } else if (pretrain.lrSchedule() != LrSchedule.CONSTANT) {
            p.add(key, line, key + " = " + pretrain.cooldownSteps() + " needs lr_schedule: constant (the "
                    + pretrain.lrSchedule().yamlName() + " schedule already ends at 0); allowed: cooldown_steps: 0, "
                    + "or lr_schedule: constant");
        }
    }

    /**
     * A gate curve needs the gate's N: with {@code gate_every > 0} and a pre-training to run,
     * {@code evaluation.samples} must be at least {@link EvaluationSpec#QUALITY_GATE_MIN_N}.
     *
     * @param backbone the backbone block as read
     * @param evaluation the evaluation block as read
     * @param fallbackLine the line of the message when neither key was written
     * @param p where the problem goes
     */
    static void checkGateSamples(BackboneSpec backbone, EvaluationSpec evaluation, int fallbackLine, Problems p) {
        String every = "backbone.pretrain.gate_every";
        if (!p.ok(every) || !p.ok("evaluation.samples") || backbone.checkpoint() != null
                || !backbone.pretrain().gateCurve() || evaluation.samples() >= EvaluationSpec.QUALITY_GATE_MIN_N) {
            return;
        }
        p.add("evaluation.samples", p.lineOf(fallbackLine, "evaluation.samples", every),
                "evaluation.samples = " + evaluation.samples() + " is below the "
                        + "quality gate's N of " + EvaluationSpec.QUALITY_GATE_MIN_N + ", which " + every + " = "
                        + backbone.pretrain().gateEvery()
                        + " measures during pre-training; allowed: evaluation.samples >= "
                        + EvaluationSpec.QUALITY_GATE_MIN_N + " (and dataset.eval_size with it), or " + every + ": 0");
    }
}
