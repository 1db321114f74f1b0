package org.uniconbench.harness.experiment;

import java.util.List;

/**
 * Reads where a {@code memory} budget's cap comes from: {@code budget.memory_mb} (given, MiB) or
 * {@code budget.cap_from} (an arm's own measured peak, pinned by the run as {@code budget.cap_bytes}).
 * The two are exclusive; outside memory mode none applies. Problems go to {@link Problems} as
 * everywhere in the loader, each naming its key and the fix.
 */
final class MemoryCapReader {

    /** Largest pinned cap in bytes: exact as a YAML number (below 2^53). */
    private static final double MAX_CAP_BYTES = 1e15;

    /**
     * The cap as read; placeholders where a value was wrong (the problem is thrown before use).
     *
     * @param memoryMb the given cap in MiB, or 0 (cap_from, or not memory mode)
     * @param capFrom  the arm whose peak is the cap, or null
     * @param capBytes the pinned measured cap, or 0 (not measured yet)
     */
    record Cap(int memoryMb, String capFrom, long capBytes) {
    }

    private MemoryCapReader() {
    }

    static Cap read(MappingReader m, BudgetMode mode, List<ArmSpec> arms, Problems p) {
        if (mode != BudgetMode.MEMORY) {
            String why = " only applies to mode memory, and budget.mode is " + mode.yamlName();
            m.notApplicable("memory_mb", "memory_mb" + why);
            m.notApplicable("cap_from", "cap_from" + why);
            m.notApplicable("cap_bytes", "cap_bytes" + why);
            return new Cap(0, null, 0);
        }
        if (!m.has("cap_from")) {
            m.notApplicable("cap_bytes",
                    "cap_bytes is the cap a run measured for budget.cap_from, and there is no cap_from");
            int memoryMb = 1;
            if (m.require("memory_mb", "the cap on each arm's measured peak training memory in MiB, an integer in "
                    + "1..10000000, or cap_from: ARM to take the cap from that arm's own measured peak")) {
                memoryMb = m.integer("memory_mb", 1, 1, 10_000_000);
            }
            return new Cap(memoryMb, null, 0);
        }
        String path = m.child("cap_from");
        String capFrom = m.optionalText("cap_from", "the name of one arm");
        if (capFrom == null) {
            return new Cap(1, null, 0); // a problem was recorded
        }
        int line = Problems.line(m.node("cap_from"));
        if (m.has("memory_mb")) {
            p.add(path, line, path + " = '" + capFrom + "' and budget.memory_mb = " + Problems.show(m.node("memory_mb"))
                    + " are exclusive: cap_from takes the cap from that arm's measured peak, memory_mb gives it in "
                    + "MiB; allowed: keep one of them");
        }
        List<String> names = arms.stream().map(ArmSpec::name).toList();
        if (p.ok("arms") && !names.contains(capFrom)) {
            p.add(path, line, path + " = '" + capFrom + "' is not an arm of this file; allowed: one of "
                    + String.join(", ", names) + Problems.didYouMean(capFrom, names));
        }
        long capBytes = 0;
        if (m.has("cap_bytes")) {
            double bytes = m.number("cap_bytes", 0, Interval.openClosed(0, MAX_CAP_BYTES));
            if (bytes != Math.rint(bytes)) {
                p.add(m.child("cap_bytes"), Problems.line(m.node("cap_bytes")), m.child("cap_bytes") + " = "
                        + Problems.show(m.node("cap_bytes")) + " is not allowed; allowed: a whole number of bytes "
                        + "(the run writes it; leave it out to measure the cap)");
            } else {
                capBytes = (long) bytes;
            }
        }
        return new Cap(0, capFrom, capBytes);
    }
}
