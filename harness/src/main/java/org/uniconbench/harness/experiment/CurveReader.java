package org.uniconbench.harness.experiment;

import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads {@code evaluation.curve} ({@link CurveSpec}); its limits come from the dataset, the
 * diffusion block and the rest of the evaluation block, already read.
 */
final class CurveReader {

    /** Keys of the block, in schema order. */
    static final List<String> KEYS = List.of("every", "samples", "sampler_steps");

    private CurveReader() {
    }

    /**
     * The curve block of {@code evaluation}, or {@link CurveSpec#OFF} when it is left out.
     *
     * @param evaluation the evaluation block
     * @param read the evaluation block's samples and sampler steps, for the defaults
     * @param dataset the dataset block (eval_size bounds the samples)
     * @param diffusion the diffusion block (timesteps bound the sampler steps)
     * @param p problems found so far
     * @return the curve settings
     */
    static CurveSpec read(MappingReader evaluation, EvaluationSpec read, DatasetSpec dataset, DiffusionSpec diffusion,
            Problems p) {
        if (!evaluation.has("curve")) {
            return CurveSpec.OFF;
        }
        MappingReader m = evaluation.section("curve", KEYS);
        if (!(evaluation.node("curve") instanceof MappingNode)) {
            return CurveSpec.OFF; // the section reported what was written instead of a mapping
        }
        boolean given = m.require("every", "an integer in 1..1000000: training steps between two points");
        int every = m.integer("every", 0, 1, 1_000_000);
        int samples = m.integer("samples", Math.min(CurveSpec.DEFAULT_SAMPLES, read.samples()), 1, 10_000);
        String samplesPath = m.child("samples");
        if (p.ok("dataset.eval_size") && p.ok(samplesPath) && samples > dataset.evalSize()) {
            p.add(samplesPath, p.lineOf(m.line(), samplesPath, "dataset.eval_size"), samplesPath + " = " + samples
                    + " is more than dataset.eval_size = " + dataset.evalSize() + "; allowed: an integer in 1.."
                    + dataset.evalSize() + ", or raise dataset.eval_size");
        }
        int samplerSteps = m.integer("sampler_steps", Math.min(CurveSpec.DEFAULT_SAMPLER_STEPS, read.samplerSteps()),
                1, 10_000);
        String stepsPath = m.child("sampler_steps");
        if (p.ok("diffusion.timesteps") && p.ok(stepsPath) && samplerSteps > diffusion.timesteps()) {
            p.add(stepsPath, p.lineOf(m.line(), stepsPath, "diffusion.timesteps"), stepsPath + " = " + samplerSteps
                    + " is more than diffusion.timesteps = " + diffusion.timesteps() + "; allowed: an integer in 1.."
                    + diffusion.timesteps() + ", or raise diffusion.timesteps");
        }
        return given && p.ok(m.child("every")) ? new CurveSpec(every, samples, samplerSteps) : CurveSpec.OFF;
    }
}
