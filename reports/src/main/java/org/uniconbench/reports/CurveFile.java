package org.uniconbench.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an arm's control curve, {@code arms/NAME/curve.jsonl}, written when the experiment sets
 * {@code evaluation.curve}: one line per point,
 * {@code {"step":200,"trainSeconds":41.3,"curveSeconds":2.1,"metric":"edgeF1","value":0.31,"seed":0}}.
 *
 * <p>A missing file reads as no points; a point without a finite value (a diverged adapter) is
 * skipped, as is a truncated last line (a run killed while writing); any other bad line is a
 * {@link ReportException} naming the file and line.
 */
final class CurveFile {
  /** The file name in an arm's folder. */
  static final String NAME = "curve.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CurveFile() {}

  /** The points of {@code arm} in {@code run}, in file order. */
  static List<CurvePoint> read(RunFolder run, String arm) {
    Path file = run.metricsPath(arm).resolveSibling(NAME);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException(file + " could not be read: " + e.getMessage(), e);
    }
    List<CurvePoint> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        if (lines.subList(i + 1, lines.size()).stream().allMatch(String::isBlank)) {
          break; // truncated final line
        }
        throw new ReportException(where + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
      }
      if (n == null || !n.isObject() || !n.path("step").canConvertToLong() || !n.path("trainSeconds").isNumber()
          || !n.path("metric").isTextual()) {
        throw new ReportException(where + " must be an object like {\"step\":200,\"trainSeconds\":41.3,"
            + "\"metric\":\"edgeF1\",\"value\":0.31}: re-run the arm");
      }
      JsonNode value = n.get("value");
      if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
        continue;
      }
      JsonNode seed = n.get("seed");
      out.add(new CurvePoint(n.get("step").asLong(), n.get("trainSeconds").asDouble(), n.get("metric").asText(),
          value.asDouble(), seed != null && seed.canConvertToLong() ? seed.asLong() : null));
    }
    return List.copyOf(out);
  }
}
