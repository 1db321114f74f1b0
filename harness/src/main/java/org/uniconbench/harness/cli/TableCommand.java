package org.uniconbench.harness.cli;

import org.uniconbench.reports.ArmAggregate;
import org.uniconbench.reports.Claim;
import org.uniconbench.reports.Comparison;
import org.uniconbench.reports.Estimate;
import org.uniconbench.reports.Metric;
import org.uniconbench.reports.QualityGate;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.reports.RunFolderCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code unicon table RUN_DIR}: the run's tables as Markdown, for results documents: every arm's
 * variant, parameters, cost and fidelity (mean and interval over seeds), each arm's paired ratios
 * to the reference arm, and the paper's claims with reading, verdict, reason and the interval named
 * by method, level and n ("range of n seeds" below a t interval; older runs' unnamed intervals are
 * called ranges too). Read through the run-folder model ({@link RunFolder}); the columns are the
 * declared metrics ({@link Metric#tabled()}, {@link Metric#ratios()}); the control curves
 * ({@link CurveTable}) from {@code arms/ARM/curve.jsonl} when the run has them.
 */
@Command(name = "table", mixinStandardHelpOptions = true, description = "Print a run's arm, ratio and claim tables as Markdown (for results documents).")
final class TableCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder (with its summary)")
    Path runDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // the checks report, compare, sync and reproduce make: exit 2 for a truncated, mistyped, empty or unfinished run
        RunFolder run = RunFolderCheck.finished(runDir);
        PrintWriter out = spec.commandLine().getOut();
        gateLine(run.summary().qualityGate(), out);
        armTable(run, out);
        ratioTable(run.summary().comparisons(), out);
        claimTable(run.summary().claims(), out);
        CurveTable.print(runDir, out, spec.commandLine().getErr());
        return Main.OK;
    }

    private static void armTable(RunFolder run, PrintWriter out) {
        Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
        for (Map<String, Object> row : run.armFields()) {
            variants.putIfAbsent(String.valueOf(row.get("name")), row);
        }
        List<Metric> columns = Metric.tabled();
        StringBuilder header = new StringBuilder("| arm | variant | n |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (Metric m : columns) {
            header.append(' ').append(m.header()).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (ArmAggregate aggregate : run.summary().aggregates()) {
            String arm = aggregate.arm();
            Map<String, Object> row = variants.get(arm);
            String variant = "none".equals(aggregate.method()) ? "no control"
                    : row == null ? "" : String.join(", ", text(row, "scope"), text(row, "flow"),
                            text(row, "connector"), "width " + text(row, "width"));
            StringBuilder line = new StringBuilder("| " + arm + " | " + variant + " | " + count(aggregate.n()) + " |");
            for (Metric m : columns) {
                Metric.Display d = m.display().orElseThrow();
                line.append(' ').append(interval(aggregate.metrics().get(m.key()), d.scale(), d.format())).append(" |");
            }
            out.println(line);
        }
        out.println();
        List<ArmAggregate> aggregates = run.summary().aggregates();
        Estimate first = aggregates.stream().filter(a -> !"none".equals(a.method())).findFirst()
                .map(a -> a.metrics().get(Metric.SSIM.key())).orElse(null);
        if (first != null) {
            out.println("Means over seeds, interval in brackets: " + named(first) + ".");
            out.println();
        }
    }

    private static void gateLine(QualityGate gate, PrintWriter out) {
        if (gate != null) {
            String state = gate.state();
            String reason = gate.reason() == null ? "" : gate.reason();
            out.println("Backbone quality gate: **" + state + "**"
                    + (reason.isEmpty() ? "" : ": " + reason.replaceFirst("^" + state + ": ", "")));
            out.println();
        }
    }

    private static void ratioTable(List<Comparison> comparisons, PrintWriter out) {
        if (comparisons.isEmpty()) {
            return;
        }
        StringBuilder header = new StringBuilder("| arm / reference | n |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Metric m : Metric.ratios()) {
            header.append(' ').append(m.ratioLabel()).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        Set<String> methods = new LinkedHashSet<>();
        for (Comparison c : comparisons) {
            StringBuilder line = new StringBuilder(
                    "| " + c.arm() + " / " + c.reference() + " | " + count(c.n()) + " |");
            for (Metric m : Metric.ratios()) {
                Estimate cell = c.ratios().get(m.key());
                line.append(' ').append(interval(cell, 1, "%.3f")).append(" |");
                if (cell != null && cell.n() != null && cell.n() > 1) {
                    methods.add(named(cell));
                }
            }
            out.println(line);
        }
        out.println();
        if (!methods.isEmpty()) {
            out.println("Ratios paired by seed, interval in brackets: " + String.join("; ", methods) + ".");
            out.println();
        }
    }

    private static void claimTable(List<Claim> claims, PrintWriter out) {
        if (claims.isEmpty()) {
            return;
        }
        out.println("| claim | reading | paper | arms | ours | interval | verdict | reason |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Claim c : claims) {
            String arms = c.arm() == null ? "-" : c.arm() + " vs " + orEmpty(c.reference());
            out.println("| " + orEmpty(c.claim()) + " | " + orDash(c.reading()) + " | " + orEmpty(c.paper())
                    + " | " + arms + " | " + interval(c.estimate(), 1, "%.3f") + " | " + named(c.estimate()) + " | **"
                    + orEmpty(c.verdict()).replace('-', ' ') + "** | " + orDash(c.reason()).replace("|", "\\|")
                    + " |");
        }
        out.println();
    }

    /**
     * The interval named: "95% paired log-ratio t, n = 5", "range of 3 seeds", and for a run written
     * before intervals were named (a percentile bootstrap, which over few seeds is the range) "range of
     * 3 seeds (percentile bootstrap, older run)"; never "95%" for a range.
     */
    static String named(Estimate i) {
        int n = i == null || i.n() == null ? 0 : i.n();
        if (n <= 1) {
            return n == 1 ? "one seed, no interval" : "-";
        }
        if (i.method() == null) {
            return "range of " + n + " seeds (percentile bootstrap, older run)";
        }
        if (i.level() == null || "range".equals(i.method())) {
            return "range of " + n + " seeds";
        }
        return org.uniconbench.metrics.SeedInterval.describe(i.level(), i.method(), n);
    }

    /** "v [low, high]", or "v" when the interval is a point, or "-" when not measured. */
    private static String interval(Estimate e, double scale, String format) {
        if (e == null || e.value() == null || !Double.isFinite(e.value())) {
            return "-";
        }
        String v = String.format(Locale.ROOT, format, e.value() * scale);
        if (e.low() == null || e.high() == null || !Double.isFinite(e.low()) || !Double.isFinite(e.high())) {
            return v;
        }
        String l = String.format(Locale.ROOT, format, e.low() * scale);
        String h = String.format(Locale.ROOT, format, e.high() * scale);
        return l.equals(h) ? v : v + " [" + l + ", " + h + "]";
    }

    private static String count(Integer n) {
        return n == null ? "" : String.valueOf(n);
    }

    private static String text(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? "-" : String.valueOf(v);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
