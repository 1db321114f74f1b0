package org.uniconbench.reports;

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
    assertTrue(html.startsWith("<img class=\"chart\" alt=\"training loss against step for a, b\" src=\"data:image/png;base64,iVBOR"));
  }

  @Test
  void usesLogAxisOnlyWhenLossSpansADecadeAndIsPositive() {
    assertTrue(LossChart.logAxisHelps(series(0.05)));
    assertFalse(LossChart.logAxisHelps(series(0.5)));
    assertFalse(LossChart.logAxisHelps(series(0.0)));
  }
}
