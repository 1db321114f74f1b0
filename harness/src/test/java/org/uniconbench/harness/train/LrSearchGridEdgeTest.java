package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The learning-rate search says when its choice lies at an edge of the grid, whatever the grid's order. */
class LrSearchGridEdgeTest {

    @Test
    void aRateWithSearchedRatesOnBothSidesIsBracketed() {
        assertNull(LrSearchStage.gridEdge(List.of(3e-4, 1e-3, 3e-3), 1e-3));
        assertNull(LrSearchStage.gridEdge(List.of(3e-3, 1e-3, 3e-4), 1e-3), "unsorted grid");
    }

    @Test
    void theSmallestOrLargestRateIsAnEdge() {
        assertEquals("lowest", LrSearchStage.gridEdge(List.of(1e-3, 3e-4, 3e-3), 3e-4));
        assertEquals("highest", LrSearchStage.gridEdge(List.of(3e-3, 3e-4, 1e-3), 3e-3));
    }
}
