package org.uniconbench.baselines.train;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.unet.Backbone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A time budget counts training, not what a {@link PausingListener} reports as excluded (an
 * evaluation every few steps). The excluded time here is declared, not waited for, so the test
 * needs no clock: a budget of one nanosecond stops a plain listener's run after its first step,
 * and never stops a run whose listener excludes more than the wall time.
 */
class PausingListenerTest {

    private static final NoiseSchedule SCHEDULE = new NoiseSchedule(1000, 1e-4, 0.02);
    private static final int STEPS = 4;
    /** Declared per step: far more than a step of this tiny model takes. */
    private static final long HOUR = Duration.ofHours(1).toNanos();

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    private static int run(Consumer<StepRecord> listener) {
        ImageSet data = Datasets.load(DatasetKind.SHAPES, 8, 4, 1, null, 21, new Condition.Downsample(2)).train();
        try (Backbone backbone = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 3, true)) {
            return new Trainer(SCHEDULE).train(backbone, data,
                    new TrainOptions(STEPS, 2, 1e-3, 11).withTimeLimit(Duration.ofNanos(1)), listener);
        }
    }

    @Test
    void timeAListenerExcludesIsNotCountedAgainstTheBudget() {
        List<Integer> seen = new ArrayList<>();
        long[] excluded = {5 * HOUR}; // a total that does not start at zero (a step-0 evaluation before training)
        int ran = run(PausingListener.of(step -> {
            seen.add(step.step());
            excluded[0] += HOUR;
        }, () -> excluded[0]));
        assertEquals(STEPS, ran, "every step runs: the budget saw only the training time");
        assertEquals(List.of(1, 2, 3, 4), seen);
    }

    @Test
    void aPlainListenersTimeCountsAndTheBudgetStopsTraining() {
        assertEquals(1, run(step -> {}), "1 ns of budget: the first step runs, then training stops");
        assertEquals(1, run(PausingListener.of(step -> {}, () -> 0)), "a listener that excludes nothing");
    }
}
