package org.uniconbench.harness.train;

import org.uniconbench.baselines.train.StepRecord;

/**
 * TEST ONLY: makes a training loss NaN at a chosen step, so that tests can prove how a diverging
 * arm or backbone pre-training is handled (no allowed setting diverges on purpose). Set with the
 * system property {@code -Dorg.uniconbench.test.nanAtStep=STAGE@STEP}, where STAGE is an arm's name
 * or {@code backbone}; arm processes inherit it (they get the parent's {@code -Dorg.uniconbench.*}
 * settings). Never set in normal use; nothing documents it as a user option.
 */
final class FaultInjection {

    /** The test-only property. */
    static final String PROPERTY = "org.uniconbench.test.nanAtStep";

    private FaultInjection() {
    }

    /**
     * The step as training reported it, or with a NaN loss when the property names this stage and step.
     *
     * @param stage the arm's name, or {@code backbone}
     * @param step the step record
     * @return the record to use
     */
    static StepRecord apply(String stage, StepRecord step) {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || !spec.equals(stage + "@" + step.step())) {
            return step;
        }
        return new StepRecord(step.step(), Double.NaN, step.dataMs(), step.forwardMs(), step.backwardMs(),
                step.optimizerMs());
    }
}
