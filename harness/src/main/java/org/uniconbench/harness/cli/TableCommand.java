package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.uniconbench.reports.RunFolderCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unicon table RUN_DIR}: the run's tables as Markdown, for results documents: every arm's
 * variant, parameters, cost and fidelity (mean and interval over seeds), each arm's paired ratios
 * to the reference arm, and the paper's claims with reading, verdict, reason and the interval named
 * by method, level and n ("range of n seeds" below a t interval; older runs' unnamed intervals are
 * called ranges too). Read from {@code summary.json}, and the control curves ({@link CurveTable}) from
 * {@code arms/ARM/curve.jsonl} when the run has them.
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Print a run's arm, ratio and claim tables as Markdown (for results documents).")
final class TableCommand implements Callable<Integer> {

    /** Metric, column title, scale and format of the arm table. */
    private record Column(String metric, String title, double scale, String format) {
    }

    private static final Column[] ARM_COLUMNS = {
        new Column("trainableParams", "trainable params", 1, "%,.0f"),
        new Column("peakMemoryBytes", "peak memory MiB", 1.0 / (1 << 20), "%.0f"),
        new Column("medianStepMs", "median step ms", 1, "%.1f"),
        new Column("ssim", "SSIM", 1, "%.3f"),
        new Column("edgeF1", "edge F1", 1, "%.3f"),
        new Column("psnr", "PSNR dB", 1, "%.2f"),
        new Column("fdClassifier", "FD-cls (proxy)", 1, "%.3g"),
    };

    private static final String[][] RATIO_COLUMNS = {
        {"trainableParams", "params"}, {"peakMemoryBytes", "memory"}, {"medianStepMs", "step time"},
        {"ssim", "SSIM"}, {"edgeF1", "edge F1"}, {"psnr", "PSNR"},
    };

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder (with summary.json)")
    Path runDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // the checks report, compare, sync and reproduce make: exit 2 for a truncated, mistyped, empty or unfinished run
        Path file = RunFolderCheck.finished(runDir).dir().resolve("summary.json");
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot read " + file + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        gateLine(summary, out);
        armTable(summary, out);
        ratioTable(summary, out);
        claimTable(summary, out);
        CurveTable.print(runDir, out, spec.commandLine().getErr());
        return Main.OK;
    }

    private static void armTable(JsonNode summary, PrintWriter out) {
        Map<String, JsonNode> variants = new LinkedHashMap<>();
        for (JsonNode row : summary.path("arms")) {
            variants.putIfAbsent(row.path("name").asText(), row);
        }
        StringBuilder header = new StringBuilder("| arm | variant | n |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (Column c : ARM_COLUMNS) {
            header.append(' ').append(c.title()).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (JsonNode aggregate : summary.path("aggregates")) {
            String arm = aggregate.path("arm").asText();
            JsonNode row = variants.get(arm);
            String variant = row == null ? "" : String.join(", ", text(row, "scope"), text(row, "flow"),
                    text(row, "connector"), "width " + text(row, "width"));
            StringBuilder line = new StringBuilder("| " + arm + " | " + variant + " | " + aggregate.path("n").asText()
                    + " |");
            for (Column c : ARM_COLUMNS) {
                line.append(' ').append(interval(aggregate.path("metrics").path(c.metric()), "mean", c.scale(),
                        c.format())).append(" |");
            }
            out.println(line);
        }
        out.println();
        JsonNode first = summary.path("aggregates").path(0).path("metrics").path("ssim");
        if (!first.isMissingNode()) {
            out.println("Means over seeds, interval in brackets: " + named(first) + ".");
            out.println();
        }
    }

    private static void gateLine(JsonNode summary, PrintWriter out) {
        JsonNode gate = summary.path("backbone").path("qualityGate");
        if (gate.isObject()) {
            String state = gate.path("passed").isBoolean() ? (gate.path("passed").asBoolean() ? "passed" : "failed")
                    : "not evaluated";
            String reason = gate.path("reason").asText("");
            out.println("Backbone quality gate: **" + state + "**"
                    + (reason.isEmpty() ? "" : ": " + reason.replaceFirst("^" + state + ": ", "")));
            out.println();
        }
    }

    private static void ratioTable(JsonNode summary, PrintWriter out) {
        if (summary.path("comparisons").isEmpty()) {
            return;
        }
        StringBuilder header = new StringBuilder("| arm / reference | n |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String[] c : RATIO_COLUMNS) {
            header.append(' ').append(c[1]).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (JsonNode c : summary.path("comparisons")) {
            StringBuilder line = new StringBuilder("| " + c.path("arm").asText() + " / " + c.path("reference").asText()
                    + " | " + c.path("n").asText() + " |");
            for (String[] column : RATIO_COLUMNS) {
                line.append(' ').append(interval(c.path("ratios").path(column[0]), "estimate", 1, "%.3f")).append(" |");
            }
            out.println(line);
        }
        out.println();
        java.util.Set<String> methods = new java.util.LinkedHashSet<>();
        for (JsonNode c : summary.path("comparisons")) {
            for (String[] column : RATIO_COLUMNS) {
                JsonNode cell = c.path("ratios").path(column[0]);
                if (cell.isObject() && cell.path("n").asInt(0) > 1) {
                    methods.add(named(cell));
                }
            }
        }
        if (!methods.isEmpty()) {
            out.println("Ratios paired by seed, interval in brackets: " + String.join("; ", methods) + ".");
            out.println();
        }
    }

    private static void claimTable(JsonNode summary, PrintWriter out) {
        if (summary.path("claims").isEmpty()) {
            return;
        }
        out.println("| claim | reading | paper | arms | ours | interval | verdict | reason |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (JsonNode c : summary.path("claims")) {
            String arms = c.path("arm").isNull() || c.path("arm").isMissingNode() ? "-"
                    : c.path("arm").asText() + " vs " + c.path("reference").asText();
            JsonNode i = c.path("interval").isObject() ? c.path("interval") : c; // older runs: flat fields
            out.println("| " + c.path("claim").asText() + " | " + text(c, "reading") + " | " + c.path("paper").asText()
                    + " | " + arms + " | " + interval(i, "estimate", 1, "%.3f") + " | " + named(i) + " | **"
                    + c.path("verdict").asText().replace('-', ' ') + "** | " + text(c, "reason").replace("|", "\\|")
                    + " |");
        }
        out.println();
    }

    /**
     * The interval named: "95% paired log-ratio t, n = 5", "range of 3 seeds", and for a run written
     * before intervals were named (a percentile bootstrap, which over few seeds is the range) "range of
     * 3 seeds (percentile bootstrap, older run)"; never "95%" for a range.
     */
    static String named(JsonNode i) {
        int n = i.path("n").asInt(0);
        if (n <= 1) {
            return n == 1 ? "one seed, no interval" : "-";
        }
        String method = i.path("method").isTextual() ? i.path("method").asText() : null;
        if (method == null) {
            return "range of " + n + " seeds (percentile bootstrap, older run)";
        }
        if (!i.path("level").isNumber() || "range".equals(method)) {
            return "range of " + n + " seeds";
        }
        return org.uniconbench.metrics.SeedInterval.describe(i.path("level").asDouble(), method, n);
    }

    /** "v [low, high]", or "v" when the interval is a point, or "-" when not measured. */
    private static String interval(JsonNode n, String valueKey, double scale, String format) {
        JsonNode value = n.path(valueKey).isMissingNode() ? n.path("estimate") : n.path(valueKey);
        if (!value.isNumber()) {
            return "-";
        }
        String v = String.format(Locale.ROOT, format, value.asDouble() * scale);
        JsonNode low = n.path("low");
        JsonNode high = n.path("high");
        if (!low.isNumber() || !high.isNumber()) {
            return v;
        }
        String l = String.format(Locale.ROOT, format, low.asDouble() * scale);
        String h = String.format(Locale.ROOT, format, high.asDouble() * scale);
        return l.equals(h) ? v : v + " [" + l + ", " + h + "]";
    }

    private static String text(JsonNode row, String key) {
        JsonNode v = row.path(key);
        return v.isMissingNode() || v.isNull() ? "-" : v.asText();
    }
}
