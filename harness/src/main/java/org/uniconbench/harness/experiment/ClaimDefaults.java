package org.uniconbench.harness.experiment;

import java.util.List;

/**
 * What {@code evaluation.interval} implies for the rest of a file. A file that writes
 * {@code evaluation.interval: t} is a claim experiment: its verdicts rest on 95% Student t
 * intervals over seeds, so it needs at least {@value IntervalChoice#MIN_T_SEEDS} seeds (fewer is bad
 * input naming {@code seeds}), and its defaults become five seeds, {@value EvaluationSpec#CLAIM_SAMPLES}
 * evaluation samples (the quality gate's N) and an evaluation set of that many images per seed, so
 * that each seed is scored on conditions of its own (the interval then includes evaluation-set
 * variance). Left out, the interval is {@code t} from five seeds on and {@code range} below.
 */
final class ClaimDefaults {

    /** Seeds of a claim experiment that does not write {@code seeds}. */
    static final List<Integer> SEEDS = List.of(0, 1, 2, 3, 4);

    private ClaimDefaults() {
    }

    /** Default {@code dataset.eval_size} of a claim experiment: one disjoint window of samples per seed. */
    static int evalSize(int seeds) {
        return EvaluationSpec.CLAIM_SAMPLES * Math.max(1, seeds);
    }

    /**
     * Completes the evaluation block with the interval choice and the quality-gate multiple.
     *
     * @param m the evaluation block
     * @param written the interval as written, or null
     * @param seeds the file's seeds
     * @param top the top-level mapping (for the line of {@code seeds})
     * @param p problems found so far
     * @param read the block's other keys, already read
     * @return the full block
     */
    static EvaluationSpec intervals(MappingReader m, IntervalChoice written, List<Integer> seeds, MappingReader top,
            Problems p, EvaluationSpec read) {
        IntervalChoice interval = written != null ? written
                : seeds.size() >= IntervalChoice.MIN_T_SEEDS ? IntervalChoice.T : IntervalChoice.RANGE;
        String seedsPath = top.child("seeds");
        if (interval == IntervalChoice.T && p.ok(seedsPath) && seeds.size() < IntervalChoice.MIN_T_SEEDS) {
            p.add(seedsPath, p.lineOf(top.line(), seedsPath, m.child("interval")), seedsPath + " has " + seeds.size()
                    + (seeds.size() == 1 ? " seed" : " seeds") + ", but " + m.child("interval") + " = t needs at least "
                    + IntervalChoice.MIN_T_SEEDS
                    + " (a t interval of fewer seeds is too wide, and their range is no 95% "
                    + "interval); allowed: add seeds (for example seeds: [0, 1, 2, 3, 4]) or write "
                    + m.child("interval") + ": range (no verdicts)");
        }
        double multiple = m.number("quality_gate_multiple", EvaluationSpec.DEFAULT_QUALITY_GATE_MULTIPLE,
                Interval.open(0, 1000));
        return new EvaluationSpec(read.samples(), read.samplerSteps(), read.memoryPasses(), interval, multiple);
    }
}
