package org.uniconbench.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line's rate and ETA follow the recent steps, not the average since the start. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPauseLeavesTheRateOnceAWindowOfStepsHasPassed() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(text), "p", 1000, 1, 0, null, () -> now[0]);
        int step = 0;
        for (int i = 0; i < 10; i++) { // 1 step per second
            now[0] += SECOND;
            progress.step(++step, 0.1);
        }
        now[0] += 100 * SECOND; // stopped for 100 s
        now[0] += SECOND;
        progress.step(++step, 0.1);
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.get(0).contains("1.00 steps/s  ETA 16m39s"), lines.get(0));
        assertTrue(lines.get(10).contains("0.10 steps/s"), "right after the pause the rate shows it: " + lines.get(10));
        for (int i = 0; i < Progress.WINDOW; i++) {
            now[0] += SECOND;
            progress.step(++step, 0.1);
        }
        String last = text.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("[p] step 61/1000  loss 0.1000  1.00 steps/s  ETA 15m39s", last,
                "a window of steps later, the pause is out of the rate (since the start: 0.38 steps/s)");
    }
}
