package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The report's "Predicted cost" section: the cost model's figures per arm ({@code estimate} in
 * the run summary, written by the runner) beside the measured peak memory of the arm's rows.
 */
final class PredictedCostSection implements ReportSection {

    @Override
    public String title() {
        return "Predicted cost (cost model)";
    }

    @Override
    public String html(ReportInput in) {
        return html(in.run());
    }

    /** The section's HTML; a run without {@code estimate} says so. */
    static String html(RunFolder run) {
        JsonNode estimate = run.estimate();
        if (!estimate.isObject()) {
            return "<p>Not recorded (the run summary has no <code>estimate</code>).</p>\n";
        }
        StringBuilder b = new StringBuilder("<p class=\"sub\">")
                .append(Captions.get("predicted.caption", estimate.path("batch").asInt(),
                        estimate.path("resolution").asInt(),
                        Html.esc(estimate.path("precision").asText())))
                .append("</p>\n")
                .append("<div class=\"scroll\"><table class=\"arms\">\n<thead><tr><th>Arm</th><th>Trainable params</th>")
                .append("<th>Gradients + Adam MiB</th><th>Activations MiB</th><th>Training MiB<br><small>predicted</small></th>")
                .append("<th>Peak MiB<br><small>measured, median</small></th><th>Measured / predicted</th>")
                .append("<th>Step GFLOP<br><small>forward + backward</small></th><th>vs reference<br><small>memory / FLOPs / ")
                .append("params</small></th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, JsonNode> arm : (Iterable<Map.Entry<String, JsonNode>>) estimate.path("arms")::fields) {
            JsonNode a = arm.getValue();
            long training = a.path("trainingBytes").asLong();
            Double measured = measuredMedian(run.summary().arms(), arm.getKey());
            JsonNode vs = a.path("vsReference");
            b.append("<tr><td>").append(Html.esc(arm.getKey())).append("</td><td>")
                    .append(Html.count(a.path("trainableParams").asLong())).append("</td><td>")
                    .append(Html.mib(a.path("gradientBytes").asLong() + a.path("optimizerBytes").asLong()))
                    .append("</td><td>")
                    .append(Html.mib(a.path("activationBytes").asLong())).append("</td><td>").append(Html.mib(training))
                    .append("</td><td>").append(measured == null ? "-" : Html.mib(Math.round(measured)))
                    .append("</td><td>")
                    .append(measured == null || training == 0 ? "-" : Html.fixed(measured / training, 2) + "x")
                    .append("</td><td>").append(Html.fixed(a.path("stepFlops").asDouble() / 1e9, 2)).append("</td><td>")
                    .append(Html.fixed(vs.path("trainingMemory").asDouble(), 2)).append(" / ")
                    .append(Html.fixed(vs.path("stepFlops").asDouble(), 2)).append(" / ")
                    .append(Html.fixed(vs.path("trainableParams").asDouble(), 2)).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n<details><summary>Assumptions of the cost model</summary><ul>\n");
        estimate.path("assumptions").forEach(x -> b.append("<li>").append(Html.esc(x.asText())).append("</li>\n"));
        return b.append("</ul></details>\n").toString();
    }

    /** The median measured peak over the arm's completed rows, or null. */
    private static Double measuredMedian(List<ArmResult> rows, String arm) {
        List<Double> values = new ArrayList<>();
        rows.forEach(r -> {
            if (arm.equals(r.name()) && r.peakMemoryBytes() != null) {
                values.add(r.peakMemoryBytes().doubleValue());
            }
        });
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
