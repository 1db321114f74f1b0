package org.uniconbench.harness.experiment;

import java.util.Objects;
import org.uniconbench.baselines.control.Flow;

/**
 * The keys of {@code arms[i].adapter} that say how the copied blocks start: {@code init},
 * {@code distill_steps}, {@code distill_learning_rate}, read and checked together.
 *
 * @param init slice or distill
 * @param distillSteps at least 1 for distill, 0 for slice
 * @param distillLearningRate null: training.learning_rate
 */
public record AdapterStart(AdapterInit init, int distillSteps, Double distillLearningRate) {

    /** The largest number of distillation steps. */
    static final int MAX_DISTILL_STEPS = 10_000_000;

    /** The default: the backbone's weights, sliced, with no distillation. */
    public static final AdapterStart SLICE = new AdapterStart(AdapterInit.SLICE, 0, null);

    /** Rejects a null init and distillation steps that do not match it. */
    public AdapterStart {
        Objects.requireNonNull(init, "init");
        if ((init == AdapterInit.DISTILL) != (distillSteps > 0) || distillSteps < 0) {
            throw new IllegalArgumentException("distillSteps must be > 0 exactly when init is distill, found "
                    + init + " with " + distillSteps);
        }
    }

    /**
     * Reads the keys; records a problem and returns null when {@code init: distill} has no steps
     * (or 0), and a problem when distillation keys are given with {@code init: slice}.
     */
    static AdapterStart read(MappingReader a, Problems p) {
        AdapterInit init = a.choice("init", AdapterInit.SLICE, AdapterInit.values(), AdapterInit::yamlName);
        if (init == AdapterInit.SLICE) {
            a.notApplicable("distill_steps", "init is slice; set init: distill to use it");
            a.notApplicable("distill_learning_rate", "init is slice; set init: distill to use it");
            return SLICE;
        }
        Integer steps = a.optionalInteger("distill_steps", 0, MAX_DISTILL_STEPS);
        Double rate = a.has("distill_learning_rate")
                ? a.number("distill_learning_rate", 0, Interval.openClosed(0, 1)) : null;
        String path = a.child("distill_steps");
        if (steps == null && !a.has("distill_steps")) {
            p.add(path, p.lineOf(a.line(), path), path + " is missing; init: distill needs it: an integer in 1.."
                    + MAX_DISTILL_STEPS + " (steps that train the copy to reproduce the backbone's noise prediction)");
            return null;
        }
        if (steps == null) {
            return null; // out of range or not an integer: reported by the reader
        }
        if (steps == 0) {
            p.add(path, p.lineOf(a.line(), path),
                    path + " = 0 is not allowed with init: distill; allowed: an integer in 1.."
                            + MAX_DISTILL_STEPS + ", or init: slice");
            return null;
        }
        return new AdapterStart(init, steps, rate);
    }

    /**
     * Whether the init works with the arm's resolved flow: distillation trains the copy to produce
     * the backbone's noise prediction, which only a unidirectional adapter produces.
     */
    boolean fits(Flow flow, MappingReader a, Problems p) {
        if (init != AdapterInit.DISTILL || flow == Flow.UNIDIRECTIONAL) {
            return true;
        }
        String path = a.child("init");
        p.add(path, p.lineOf(a.line(), path), path + " = distill needs flow unidirectional, found "
                + flow.yamlName() + ": only then does the adapter produce the noise prediction (a bidirectional "
                + "arm's output is the backbone's at step 0 already); allowed: slice");
        return false;
    }
}
