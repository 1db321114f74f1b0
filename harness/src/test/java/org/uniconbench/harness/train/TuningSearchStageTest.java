package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line after each arm's search says how far the searches are and how long the rest may take. */
class TuningSearchStageTest {

    @Test
    void theTimeLeftIsTheMeanArmSoFarTimesTheArmsLeft() {
        assertEquals("[search] 1/3 arms searched in 5m00s; about 10m00s left (the mean arm so far)",
                TuningSearchStage.overall(1, 3, 300));
        assertEquals("[search] 2/3 arms searched in 8m00s; about 4m00s left (the mean arm so far)",
                TuningSearchStage.overall(2, 3, 480));
    }

    @Test
    void theLastArmsLineHasNoTimeLeft() {
        assertEquals("[search] 3/3 arms searched in 12m00s", TuningSearchStage.overall(3, 3, 720));
    }
}
