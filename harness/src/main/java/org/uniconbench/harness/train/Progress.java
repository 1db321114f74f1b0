package org.uniconbench.harness.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * One progress line every few steps: step, loss, steps per second and the time left (by the steps
 * left or, under a time budget, the time left, whichever ends first).
 */
public final class Progress {

    private final PrintWriter out;
    private final String label;
    private final int total;
    private final int every;
    private final int done;
    private final long start = System.nanoTime();
    private final double limitSeconds;

    Progress(PrintWriter out, String label, int total, int every) {
        this(out, label, total, every, 0, null);
    }

    /**
     * Progress of a run resumed after step {@code done} (the rate counts the steps taken here) and,
     * with a time limit, whose time left is the smaller of the steps left and the time left.
     */
    Progress(PrintWriter out, String label, int total, int every, int done, Duration timeLimit) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.every = Math.max(1, every);
        this.done = done;
        this.limitSeconds = timeLimit == null ? Double.POSITIVE_INFINITY : timeLimit.toNanos() / 1e9;
    }

    /** Reports step {@code step} (1-based) if it is due. */
    void step(int step, double loss) {
        if (step % every != 0 && step != total) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = (step - done) / Math.max(seconds, 1e-9);
        out.printf(Locale.ROOT, "[%s] step %d/%d  loss %.4f  %.2f steps/s  ETA %s%n", label, step,
                total, loss, rate, duration(Math.max(0, Math.min((total - step) / rate, limitSeconds - seconds))));
        out.flush();
    }

    /**
     * A time left or taken as the progress lines print it: "1h02m", "3m05s", "12s", or "?" when
     * unknown (also for the Slurm executor's status lines).
     */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
