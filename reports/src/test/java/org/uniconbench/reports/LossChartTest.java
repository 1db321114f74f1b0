package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossChartTest {
    private static Map<String, List<LossPoint>> series(double last) {
        Map<String, List<LossPoint>> m = new LinkedHashMap<>();
        m.put("a", List.of(new LossPoint(0, 1.0), new LossPoint(10, last)));
        m.put("b", List.of(new LossPoint(5, 0.5)));
        return m;
    }

    @Test
    void vectorGraphicsIsOnTheClasspathSoTheChartIsSvg() {
        String html = LossChart.html(series(0.5));
        assertTrue(html.startsWith("<svg class=\"chart\""), html.substring(0, 80));
        assertTrue(html.endsWith("</svg>\n") || html.trim().endsWith("</svg>"));
    }

    @Test
    void fallsBackToPngDataUriWithoutVectorGraphics() {
        String html = LossChart.html(series(0.5), false);
        assertTrue(html.startsWith(
                "<img class=\"chart\" alt=\"training loss against step for a, b\" src=\"data:image/png;base64,iVBOR"));
    }

    @Test
    void severalSeedsGiveTheirMeanBetweenTheLowestAndHighestSeed() {
        List<LossPoint> points = List.of(
                new LossPoint(1, 1.0, 0L), new LossPoint(2, 0.5, 0L),
                new LossPoint(1, 3.0, 1L), new LossPoint(2, 1.5, 1L));
        LossChart.Band b = LossChart.band(points);
        assertEquals(2, b.seeds());
        assertArrayEquals(new double[] {1, 2}, b.step());
        assertArrayEquals(new double[] {2.0, 1.0}, b.mean(), 1e-12);
        assertArrayEquals(new double[] {1.0, 0.5}, b.min(), 1e-12);
        assertArrayEquals(new double[] {3.0, 1.5}, b.max(), 1e-12);
    }

    @Test
    void movingAverageWindowIsAFiftiethOfTheRunAndKeepsTheMean() {
        double[] y = new double[500];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2 == 0 ? 1.0 : 3.0; // pure step-to-step noise around 2
        }
        List<LossPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            points.add(new LossPoint(i, y[i]));
        }
        assertEquals(10, LossChart.window(points));
        double[] s = LossChart.smooth(y, 10);
        assertEquals(2.0, s[250], 1e-12, "the alternating noise averages out");
        assertEquals(1.0, LossChart.smooth(new double[] {1.0}, 10)[0], "a window wider than the series shrinks");
    }

    @Test
    void longCurvesAreThinnedToAtMostMaxPointsKeepingBothEnds() {
        List<LossPoint> points = new java.util.ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            points.add(new LossPoint(i, 1.0 / i));
        }
        LossChart.Band b = LossChart.band(points);
        assertEquals(LossChart.MAX_POINTS, b.step().length);
        assertEquals(1, b.step()[0]);
        assertEquals(2000, b.step()[b.step().length - 1]);
    }

    @Test
    void usesLogAxisOnlyWhenLossSpansADecadeAndIsPositive() {
        assertTrue(LossChart.logAxisHelps(series(0.05)));
        assertFalse(LossChart.logAxisHelps(series(0.5)));
        assertFalse(LossChart.logAxisHelps(series(0.0)));
    }
}
