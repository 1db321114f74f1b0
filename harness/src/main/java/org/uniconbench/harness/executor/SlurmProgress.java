package org.uniconbench.harness.executor;

import org.uniconbench.harness.train.Progress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The progress block of a run on Slurm: one line per job (state; a running arm's step and time left,
 * read from its log; a pending job's reason) and the whole run's time left.
 *
 * <p>The whole run's estimate: the longest time left of the running arms, plus the pending arms'
 * steps at the mean step time seen so far, divided among as many jobs as run at once now (at least
 * one). It assumes the pending jobs start as the running ones end, which a busy cluster may not do.
 */
final class SlurmProgress {

    private SlurmProgress() {
    }

    /** The states of all jobs in one string: a new block is printed when it changes. */
    static String shape(List<ArmTask> tasks, JobLedger ledger, Map<String, JobState> states) {
        StringBuilder s = new StringBuilder();
        for (ArmTask t : tasks) {
            JobState j = states.get(ledger.jobId(t.key()));
            s.append(j == null ? "?" : j.state()).append(',');
        }
        return s.toString();
    }

    static void print(PrintWriter out, Path runDir, int totalSteps, List<ArmTask> tasks, JobLedger ledger,
            Map<String, JobState> states) {
        StringBuilder block = new StringBuilder();
        double longestRunning = 0;
        double secondsPerStep = Double.NaN;
        int running = 0;
        int pending = 0;
        for (ArmTask t : tasks) {
            String id = ledger.jobId(t.key());
            JobState j = states.get(id);
            String state = j == null ? "SUBMITTED" : j.state();
            block.append("  [").append(t.label()).append("] job ").append(id).append(' ').append(state);
            if ("RUNNING".equals(state) || "COMPLETING".equals(state)) {
                ArmProgress p = ArmProgress.read(runDir, t, totalSteps);
                block.append(" on ").append(j.node()).append(", step ").append(p.step()).append('/').append(totalSteps)
                        .append(", ETA ").append(Progress.duration(p.secondsLeft()));
                running++;
                if (Double.isFinite(p.secondsLeft())) {
                    longestRunning = Math.max(longestRunning, p.secondsLeft());
                    if (p.step() < totalSteps) {
                        secondsPerStep = p.secondsLeft() / (totalSteps - p.step());
                    }
                }
            } else if (j != null && !j.terminal()) {
                pending++;
                if (!j.reason().isEmpty()) {
                    block.append(" (").append(j.reason()).append(')');
                }
            } else if (j == null) {
                pending++;
            }
            block.append('\n');
        }
        double left = pending == 0 ? longestRunning
                : longestRunning + pending * totalSteps * secondsPerStep / Math.max(1, running);
        synchronized (out) {
            out.print("slurm: " + running + " running, " + pending + " waiting; run ETA "
                    + (pending > 0 && Double.isNaN(secondsPerStep) ? "? (no arm has logged a step yet)"
                            : Progress.duration(left))
                    + "\n" + block);
            out.flush();
        }
    }
}
