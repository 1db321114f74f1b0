package org.uniconbench.harness.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One progress line every few steps: step, loss, steps per second and the time left (by the steps
 * left or, under a time budget, the time left, whichever ends first). The rate is over the last
 * {@value #WINDOW} reports once there are that many (before, since the start), so that a pause, a
 * stopped process or a slower phase shows in the ETA within a window instead of being averaged over
 * the whole run.
 */
public final class Progress {

    /** Reports the rate is taken over. */
    static final int WINDOW = 50;

    private final PrintWriter out;
    private final String label;
    private final int total;
    private final int every;
    private final int done;
    private final LongSupplier clock;
    private final long start;
    private final double limitSeconds;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>(); // {step, nanos} of the last reports

    Progress(PrintWriter out, String label, int total, int every) {
        this(out, label, total, every, 0, null);
    }

    /**
     * Progress of a run resumed after step {@code done} (the rate counts the steps taken here) and,
     * with a time limit, whose time left is the smaller of the steps left and the time left.
     */
    Progress(PrintWriter out, String label, int total, int every, int done, Duration timeLimit) {
        this(out, label, total, every, done, timeLimit, System::nanoTime);
    }

    /** As above, on {@code clock} (nanoseconds; tests). */
    Progress(PrintWriter out, String label, int total, int every, int done, Duration timeLimit, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
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
        long now = clock.getAsLong();
        double seconds = (now - start) / 1e9;
        recent.addLast(new long[] {step, now});
        if (recent.size() > WINDOW + 1) {
            recent.removeFirst();
        }
        long[] from = recent.size() > WINDOW ? recent.peekFirst() : new long[] {done, start};
        double rate = (step - from[0]) / Math.max((now - from[1]) / 1e9, 1e-9);
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
