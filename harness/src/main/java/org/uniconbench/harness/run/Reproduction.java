package org.uniconbench.harness.run;

import org.uniconbench.reports.Metric;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.store.Provenance;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a run folder with its reproduction, value by value: the provenance fields that can
 * explain a difference (code, versions, machine, device) first, then every field of every summary
 * row (arm and seed) and the real-vs-real baseline.
 *
 * <p>The rules: deterministic values (losses, fidelity and quality metrics, parameter counts,
 * status) must be equal, exactly on the CPU, where the same seed gives the same numbers bit for bit;
 * on a GPU, whose kernels are not deterministic, real numbers agree within {@value #GPU_TOLERANCE}
 * relative. Measurements, which another process on the machine moves (a field's {@link Metric.Kind}:
 * the declared metric's, else by its name), are compared within a relative tolerance and reported: times (fields in ms or seconds, p10/p90 included, images per
 * second) within {@value #TIME_TOLERANCE} by default, memory (peak resident set, in-process and
 * fresh-JVM) within {@value #MEMORY_TOLERANCE}. Only deterministic values decide whether a run was
 * reproduced, so a verdict survives a loaded machine; {@link Report#agrees(boolean) strict} counts
 * the measurements too. A memory or timing pass's individual figures and spread, the memory method's
 * wording and the error texts are not compared.
 */
public final class Reproduction {

    /** Default relative tolerance of times. */
    public static final double TIME_TOLERANCE = 0.25;
    /** Default relative tolerance of memory figures. */
    public static final double MEMORY_TOLERANCE = 0.10;
    /** Relative tolerance of real-valued results when either run was on a GPU. */
    public static final double GPU_TOLERANCE = 1e-3;

    private static final Set<String> NOT_COMPARED = Set.of("memoryPassBytes", "memoryPassSpread", "memoryMethod",
            "timedStepPassesMs", "timingError", "error", "resumedFromStep");

    private Reproduction() {
    }

    /**
     * One compared value.
     *
     * @param row which row: arm name (or {@code realVsReal}) and seed
     * @param metric the field
     * @param original its value in the original run (JSON text; "missing" when absent)
     * @param reproduced its value in the reproduction
     * @param rule how it was compared: exact, or within a relative tolerance
     * @param agrees whether it agrees
     * @param measurement whether it is a measurement (time, memory), counted only when strict
     */
    public record Check(String row, String metric, String original, String reproduced, String rule, boolean agrees,
            boolean measurement) {

        /** Whether it decides the verdict. */
        boolean counted(boolean strict) {
            return strict || !measurement;
        }
    }

    /**
     * The comparison.
     *
     * @param provenanceDifferences provenance fields that differ, {@code "key: before -> after"}
     * @param checks every compared value, row by row
     */
    public record Report(List<String> provenanceDifferences, List<Check> checks) {

        /** Whether every deterministic value agrees (measurements and provenance differences do not count). */
        public boolean agrees() {
            return agrees(false);
        }

        /**
         * Whether every counted value agrees.
         *
         * @param strict whether measurements (times, memory) count too
         * @return the verdict
         */
        public boolean agrees(boolean strict) {
            return checks.stream().filter(c -> c.counted(strict)).allMatch(Check::agrees);
        }
    }

    /**
     * Compares two run folders.
     *
     * @param original the run folder that was reproduced
     * @param reproduced its reproduction
     * @param timeTolerance relative tolerance of times
     * @param memoryTolerance relative tolerance of memory
     * @return the report
     * @throws BadInputException when either folder lacks its summary or it is unreadable
     */
    public static Report compare(Path original, Path reproduced, double timeTolerance, double memoryTolerance) {
        RunFolder a = summary(original);
        RunFolder b = summary(reproduced);
        Map<String, String> pa = Provenance.read(original);
        Map<String, String> pb = Provenance.read(reproduced);
        boolean gpu = String.valueOf(pa.get("device")).startsWith("gpu")
                || String.valueOf(pb.get("device")).startsWith("gpu");
        Rules rules = new Rules(timeTolerance, memoryTolerance, gpu);
        List<Check> checks = new ArrayList<>();
        List<Map<String, Object>> rowsB = new ArrayList<>(b.armFields());
        for (Map<String, Object> row : a.armFields()) {
            String label = row.get("name") + " seed " + row.get("seed");
            Map<String, Object> match = rowsB.stream().filter(r -> Objects.equals(r.get("name"), row.get("name"))
                    && Objects.equals(r.get("seed"), row.get("seed"))).findFirst().orElse(null);
            if (match == null) {
                checks.add(new Check(label, "(row)", "present", "missing", "exact", false, false));
                continue;
            }
            rowsB.remove(match);
            compareFields(label, row, match, rules, checks);
        }
        for (Map<String, Object> extra : rowsB) {
            checks.add(new Check(extra.get("name") + " seed " + extra.get("seed"), "(row)",
                    "missing", "present", "exact", false, false));
        }
        compareFields("realVsReal", a.realVsRealFields(), b.realVsRealFields(), rules, checks);
        return new Report(Provenance.differences(pa, pb), checks);
    }

    /**
     * Prints the report: provenance differences first, then one line per value, then the verdict.
     *
     * @param report the comparison
     * @param original the original run folder
     * @param reproduced the reproduction's folder
     * @param out where to print
     */
    public static void print(Report report, Path original, Path reproduced, PrintWriter out) {
        print(report, original, reproduced, false, out);
    }

    /**
     * Prints the report; a measurement outside its tolerance reads {@code outside} (not counted) or,
     * when strict, {@code NO}.
     *
     * @param report the comparison
     * @param original the original run folder
     * @param reproduced the reproduction's folder
     * @param strict whether measurements count in the verdict
     * @param out where to print
     */
    public static void print(Report report, Path original, Path reproduced, boolean strict, PrintWriter out) {
        out.println("reproduction of " + original + " in " + reproduced);
        out.println("provenance differences (code, versions, machine, device):");
        if (report.provenanceDifferences().isEmpty()) {
            out.println("  none");
        }
        report.provenanceDifferences().forEach(d -> out.println("  " + d));
        out.printf(Locale.ROOT, "%-24s %-26s %-24s %-24s %s%n", "row", "metric", "original", "reproduced", "agrees");
        for (Check c : report.checks()) {
            out.printf(Locale.ROOT, "%-24s %-26s %-24s %-24s %s (%s)%n", c.row(), c.metric(), c.original(),
                    c.reproduced(), c.agrees() ? "yes" : c.counted(strict) ? "NO" : "outside", c.rule());
        }
        List<Check> counted = report.checks().stream().filter(c -> c.counted(strict)).toList();
        List<Check> differ = counted.stream().filter(c -> !c.agrees()).toList();
        List<Check> measurements = report.checks().stream().filter(Check::measurement).toList();
        long outside = measurements.stream().filter(c -> !c.agrees()).count();
        if (differ.isEmpty()) {
            out.println("reproduced: all " + counted.size() + " " + (strict ? "" : "deterministic ") + "values agree");
        } else {
            out.println("NOT reproduced: " + differ.size() + " of " + counted.size() + " values differ: "
                    + String.join(", ", differ.stream().map(c -> c.row() + " " + c.metric()).toList()));
        }
        if (!strict) {
            out.println("measurements (times, memory): " + (measurements.size() - outside) + " of "
                    + measurements.size()
                    + " within tolerance" + (outside == 0 ? "" : "; " + outside + " outside, not counted (a loaded "
                            + "machine moves them; --strict counts them)"));
        }
        out.flush();
    }

    /** Tolerances in force. */
    private record Rules(double time, double memory, boolean gpu) {
    }

    private static void compareFields(String label, Map<String, Object> a, Map<String, Object> b, Rules rules,
            List<Check> checks) {
        Set<String> fields = new LinkedHashSet<>(a.keySet());
        fields.addAll(b.keySet());
        for (String field : fields) {
            if (NOT_COMPARED.contains(field)) {
                continue;
            }
            Value x = new Value(a.containsKey(field), a.get(field));
            Value y = new Value(b.containsKey(field), b.get(field));
            String rule;
            boolean agrees;
            Metric.Kind kind = Metric.Kind.of(field);
            boolean measurement = kind != Metric.Kind.DETERMINISTIC;
            if (kind == Metric.Kind.TIME) {
                rule = String.format(Locale.ROOT, "time, within %.0f%%", rules.time() * 100);
                agrees = within(x, y, rules.time());
            } else if (kind == Metric.Kind.MEMORY) {
                rule = String.format(Locale.ROOT, "memory, within %.0f%%", rules.memory() * 100);
                agrees = within(x, y, rules.memory());
            } else if (rules.gpu() && x.value() instanceof Double) {
                rule = "GPU, within " + GPU_TOLERANCE;
                agrees = within(x, y, GPU_TOLERANCE);
            } else {
                rule = "exact";
                agrees = exact(x, y);
            }
            checks.add(new Check(label, field, x.text(), y.text(), rule, agrees, measurement));
        }
    }

    /**
     * One side's field: present or not, and its value as the run-folder model reads it (whole numbers
     * {@link Long}, other numbers {@link Double}, text, booleans, null).
     */
    private record Value(boolean present, Object value) {

        boolean isNumber() {
            return value instanceof Number;
        }

        String text() {
            return present ? String.valueOf(value) : "missing";
        }
    }

    private static boolean exact(Value x, Value y) {
        if (!x.present() || !y.present()) {
            return x.present() == y.present();
        }
        if (x.isNumber() && y.isNumber()) {
            return x.value() instanceof Long && y.value() instanceof Long ? x.value().equals(y.value())
                    : Double.compare(((Number) x.value()).doubleValue(), ((Number) y.value()).doubleValue()) == 0;
        }
        return Objects.equals(x.value(), y.value());
    }

    private static boolean within(Value x, Value y, double tolerance) {
        if (!x.isNumber() || !y.isNumber()) {
            return exact(x, y);
        }
        double a = ((Number) x.value()).doubleValue();
        double b = ((Number) y.value()).doubleValue();
        return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
    }

    /** The folder read through the run-folder model; a folder without a readable summary is bad input. */
    private static RunFolder summary(Path run) {
        if (!RunFolder.hasSummary(run)) {
            throw new BadInputException(run + " has no " + RunFolder.SUMMARY + ": the run did not get far enough to "
                    + "compare; finish it with unicon run --resume " + run);
        }
        try {
            return RunFolder.open(run);
        } catch (ReportException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
