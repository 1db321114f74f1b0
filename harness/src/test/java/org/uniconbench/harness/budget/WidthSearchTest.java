package org.uniconbench.harness.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.unet.UNetConfig;

/** Width candidates and the two searches, with made-up costs instead of models and processes. */
class WidthSearchTest {

    private static final UNetConfig DEFAULT = new UNetConfig(List.of(32, 64, 64), 1, 8, 1, true);

    @Test
    void candidatesGiveEachAdapterShapeOnceAscendingUpToFullWidth() {
        List<Double> widths = WidthSearch.candidates(DEFAULT);
        Set<List<Integer>> shapes = new HashSet<>();
        for (double w : widths) {
            assertTrue(shapes.add(DEFAULT.scaled(w, 1, true).channels()), "repeated shape at " + w);
        }
        // every width on a fine grid gives one of the candidates' shapes
        for (int i = 1; i <= 1000; i++) {
            List<Integer> shape = DEFAULT.scaled(i / 1000.0, 1, true).channels();
            assertTrue(shapes.contains(shape), "width " + i / 1000.0 + " gives " + shape + ", not a candidate's");
        }
        assertEquals(1.0, widths.get(widths.size() - 1));
        assertEquals(List.of(4, 8, 8), DEFAULT.scaled(widths.get(0), 1, true).channels(),
                "one group of each level's size");
        assertEquals(8, widths.size(), "one shape per number of groups kept");
        List<Double> sorted = new ArrayList<>(widths);
        sorted.sort(null);
        assertEquals(sorted, widths);
    }

    @Test
    void candidatesAreShortDecimals() {
        assertEquals(0.1, WidthSearch.shortestDecimalBetween(BigDecimal.ZERO, new BigDecimal("0.1875")));
        assertEquals(0.32, WidthSearch.shortestDecimalBetween(new BigDecimal("0.3125"), new BigDecimal("0.375")));
        assertEquals(0.5, WidthSearch.shortestDecimalBetween(new BigDecimal("0.4375"), new BigDecimal("0.5625")));
    }

    @Test
    void nearestPicksTheCandidateWhoseCountIsClosestToTheTarget() {
        List<Double> widths = List.of(0.25, 0.5, 0.75, 1.0);
        ToLongFunction<Double> quadratic = w -> Math.round(1000 * w * w); // 63, 250, 563, 1000
        WidthSearch.Match match = WidthSearch.nearest(widths, quadratic, 520);
        assertEquals(0.75, match.width());
        assertEquals(563, match.parameters());
        assertEquals(563 / 520.0, match.ratio(), 1e-12);
        assertTrue(!match.within(0.05) && match.within(0.10));
        assertEquals(4, match.tried().size());
    }

    @Test
    void memorySearchPicksTheWidestWidthThatFitsWithFewMeasurements() {
        List<Double> widths = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            widths.add(i / 16.0);
        }
        List<Double> measured = new ArrayList<>();
        ToLongFunction<Double> peak = w -> {
            measured.add(w);
            return Math.round(100 + 400 * w * w); // MB-like: 101.6 at 1/16, 500 at 1
        };
        WidthSearch.Fit fit = WidthSearch.widestUnder(widths, peak, 300);
        // 100 + 400 w^2 <= 300  <=>  w <= 0.707: the widest candidate is 11/16 = 0.6875
        assertEquals(0.6875, fit.width());
        assertEquals(Math.round(100 + 400 * 0.6875 * 0.6875), fit.peakBytes());
        assertTrue(measured.size() <= 5, "measured " + measured);
        assertEquals(measured, fit.probes().stream().map(WidthSearch.Tried::width).toList());
        assertTrue(fit.probes().stream().anyMatch(p -> p.width() == 0.75 && p.value() > 300),
                "the next wider width was measured and did not fit: " + fit.probes());
    }

    @Test
    void memorySearchTakesFullWidthWhenEverythingFitsAndNothingWhenNothingDoes() {
        List<Double> widths = List.of(0.25, 0.5, 1.0);
        assertEquals(1.0, WidthSearch.widestUnder(widths, w -> 10, 100).width());
        WidthSearch.Fit none = WidthSearch.widestUnder(widths, w -> 1000, 100);
        assertNull(none.width());
        assertNull(none.peakBytes());
        assertEquals(0.25, none.probes().get(none.probes().size() - 1).width(), "the narrowest was measured");
    }
}
