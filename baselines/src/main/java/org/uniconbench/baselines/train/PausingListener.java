package org.uniconbench.baselines.train;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A step listener that spends time the training clock must not count, such as evaluating the
 * adapter every few steps: {@link Trainer} subtracts {@link #excludedNanos()} from the wall time it
 * compares with {@link TrainOptions#timeLimit()}, so a time budget buys the same training whether
 * or not the run pauses to evaluate.
 */
public interface PausingListener extends Consumer<StepRecord> {

    /**
     * Nanoseconds spent so far, in this listener, on work that is not training.
     *
     * @return the total excluded so far (never decreasing)
     */
    long excludedNanos();

    /**
     * A listener that calls {@code onStep} and reports {@code excluded} as its excluded time.
     *
     * @param onStep called after every step
     * @param excluded the time {@code onStep} spent on work that is not training, in total so far
     * @return the listener
     */
    static PausingListener of(Consumer<StepRecord> onStep, LongSupplier excluded) {
        return new PausingListener() {
            @Override
            public void accept(StepRecord step) {
                onStep.accept(step);
            }

            @Override
            public long excludedNanos() {
                return excluded.getAsLong();
            }
        };
    }
}
