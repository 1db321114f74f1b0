package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DrawsTest {

    @Test
    void theMeanAndRangeOfSeveralReadingsAreNamedAndOneReadingNeedsNoRange() {
        Draws five = new Draws(List.of(1.0, 0.8, 1.6, 1.2, 0.9));
        assertEquals(1.1, five.mean(), 1e-12);
        assertEquals(" (mean of 5 starting noises, 0.800-1.60)", five.spread("starting noises"));
        assertEquals("", new Draws(List.of(1.3)).spread("starting noises"));
    }

    @Test
    void noReadingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Draws(List.of()));
    }
}
