package org.uniconbench.harness.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How far an arm's process has got, read from its {@code metrics.jsonl} (one line per step, written
 * by the process itself, so this works wherever the process runs as long as the folder is shared).
 *
 * @param step the last step logged (0 before the first)
 * @param secondsLeft estimated seconds to the last step: steps left times the mean of the last ten step times
 */
record ArmProgress(int step, double secondsLeft) {

    private static final int RECENT = 10;

    /** Reads the arm's log; an absent or half-written log reads as step 0 with an unknown time left. */
    static ArmProgress read(Path runDir, ArmTask task, int totalSteps) {
        Path log = runDir.resolve("arms").resolve(task.arm().name()).resolve("seed-" + task.seed())
                .resolve("metrics.jsonl");
        List<Double> ms = new ArrayList<>();
        int step = 0;
        try {
            if (Files.isRegularFile(log)) {
                for (String line : Files.readAllLines(log)) {
                    int s = intField(line, "\"step\":");
                    double t = numberField(line, "\"stepMs\":");
                    if (s > 0) {
                        step = s;
                        if (t > 0) {
                            ms.add(t);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ArmProgress(step, Double.NaN); // a line being written: next poll
        }
        List<Double> recent = ms.subList(Math.max(0, ms.size() - RECENT), ms.size());
        double mean = recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new ArmProgress(step, Math.max(0, totalSteps - step) * mean / 1000);
    }

    private static int intField(String line, String key) {
        double v = numberField(line, key);
        return Double.isNaN(v) ? 0 : (int) v;
    }

    private static double numberField(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) {
            return Double.NaN;
        }
        int from = at + key.length();
        int to = from;
        while (to < line.length() && "0123456789.eE+-".indexOf(line.charAt(to)) >= 0) {
            to++;
        }
        try {
            return Double.parseDouble(line.substring(from, to));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
