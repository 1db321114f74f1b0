package org.uniconbench.harness.run;

import org.uniconbench.metrics.SeedInterval;
import org.uniconbench.reports.Metric;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a finished run prints on the console: the rows as a table, the FD floor, the claims' verdicts. */
final class RunConsole {

    private RunConsole() {
    }

    /**
     * One line per row (arm and seed), then where the peak MiB column comes from, and the real-vs-real
     * floor the FD-cls column is read against.
     *
     * @param out the console
     * @param rows the summary's rows
     * @param realVsReal the summary's {@code realVsReal} record, or null
     */
    static void table(PrintWriter out, List<Map<String, Object>> rows, Object realVsReal) {
        out.printf(Locale.ROOT, "%-16s %-10s %5s %12s %10s %10s %8s %8s %8s %10s%n", "arm", "method", "seed",
                "trainable", "step ms", "peak MiB", "SSIM", "PSNR", "edge F1", "FD-cls");
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "%-16s %-10s %5s %12s %10s %10s %8s %8s %8s %10s%n", r.get("name"), r.get("method"),
                    r.get("seed"), fmt(r.get("trainableParams"), "%,d"), fmt(r.get(Metric.MEDIAN_STEP.key()), "%.1f"),
                    r.get(Metric.PEAK_MEMORY.key()) == null ? "-" : String.format(Locale.ROOT, "%.0f",
                            ((Number) r.get(Metric.PEAK_MEMORY.key())).doubleValue() / (1 << 20)),
                    fmt(r.get("ssim"), "%.3f"), fmt(r.get("psnr"), "%.2f"),
                    "failed".equals(r.get("status")) ? "FAILED" : fmt(r.get("edgeF1"), "%.3f"),
                    fmt(r.get("fdClassifier"), "%.3g"));
        }
        String memory = memorySource(rows);
        if (memory != null) {
            out.println("peak MiB: " + memory);
        }
        if (realVsReal instanceof Map<?, ?> floor) {
            out.printf(Locale.ROOT,
                    "FD-cls is a feature-space proxy (not FID) on N = %s images per set, noisy at this N; "
                            + "real vs real (two disjoint real sets, same N; the gate averages more): FD-cls %s, "
                            + "FD-random %s%n",
                    floor.get("featureN"),
                    fmt(floor.get("fdClassifier"), "%.3g"), fmt(floor.get("fdRandom"), "%.3g"));
        }
    }

    /**
     * The backbone's quality gate in one line, before the claims it decides: its floor is the mean
     * of its real-vs-real draws, not the one block the table's proxy line names.
     */
    static void gate(PrintWriter out, Object backbone) {
        if (backbone instanceof Map<?, ?> b && b.get("qualityGate") instanceof Map<?, ?> g) {
            out.println("backbone quality gate: " + g.get("reason"));
        }
    }

    /** One line per paper claim: its verdict, reading, our paired ratio with its named interval, and why. */
    static void claims(PrintWriter out, Object claims) {
        if (!(claims instanceof List<?> list)) {
            return;
        }
        out.println("paper claims (arm / reference, paired by seed):");
        for (Object o : list) {
            Map<?, ?> c = (Map<?, ?>) o;
            Map<?, ?> i = c.get("interval") instanceof Map<?, ?> m ? m : Map.of();
            String measured = i.get("estimate") == null ? "not measured"
                    : String.format(Locale.ROOT, "%.3f [%.3f, %.3f] %s (%s / %s)", i.get("estimate"), i.get("low"),
                            i.get("high"), SeedInterval.describe((Double) i.get("level"),
                                    (String) i.get("method"), ((Number) i.get("n")).intValue()),
                            c.get("arm"), c.get("reference"));
            String reading = c.get("reading") == null ? "" : " [reading " + c.get("reading") + "]"; // none: not measured
            out.printf(Locale.ROOT, "  %-13s %s%s; paper %s; ours %s; %s%n", c.get("verdict"), c.get("claim"), reading,
                    c.get("paper"), measured, c.get("reason"));
        }
    }

    /**
     * How the rows' peak memory was measured, in a few words (the rows' {@code memoryMethod} says it
     * in full): fresh-JVM passes, the device's memory, or the training process's own figure, which
     * with {@code evaluation.memory_passes: 0} is all there is and is rough. Null when no row has one.
     */
    static String memorySource(List<Map<String, Object>> rows) {
        java.util.Set<String> sources = new java.util.LinkedHashSet<>();
        for (Map<String, Object> r : rows) {
            if (r.get(Metric.PEAK_MEMORY.key()) == null) {
                continue;
            }
            String method = String.valueOf(r.get("memoryMethod"));
            sources.add(r.get("memoryPassBytes") != null ? "fresh-JVM memory passes (median of the passes)"
                    : method.startsWith("GPU") ? "the device's memory during training"
                            : "measured inside the training process (evaluation.memory_passes: 0): rough, heap growth and "
                                    + "allocator slack included; the claims need memory_passes >= 1");
        }
        return sources.isEmpty() ? null : String.join("; ", sources);
    }

    private static String fmt(Object value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
