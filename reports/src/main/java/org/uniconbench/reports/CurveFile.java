package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private CurveFile() {
    }

    /** Where {@code arm}'s curve is in {@code run} (beside its metrics.jsonl), whether or not it exists. */
    static Path path(RunFolder run, String arm) {
        return run.metricsPath(arm).resolveSibling(NAME);
    }

    /** The points of {@code arm} in {@code run}, in file order. */
    static List<CurvePoint> read(RunFolder run, String arm) {
        Path file = path(run, arm);
        List<CurvePoint> out = new ArrayList<>();
        for (JsonLinesFile.Line line : JsonLinesFile.read(file, JSON,
                "{\"step\":200,\"trainSeconds\":41.3,\"metric\":\"edgeF1\",\"value\":0.31}")) {
            String where = line.where();
            JsonNode n = line.node();
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
