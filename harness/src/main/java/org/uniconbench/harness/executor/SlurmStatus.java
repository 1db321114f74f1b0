package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.arms.ArmChild;
import org.uniconbench.harness.arms.ArmRows;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;
import org.uniconbench.harness.train.Progress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code unicon status RUN_DIR}: one line per arm and seed (completed, failed and why, or its Slurm
 * job's state with a running arm's step and time left), then what to do next.
 */
public final class SlurmStatus {

    private SlurmStatus() {
    }

    /**
     * Prints the run's state.
     *
     * @param runDir the run folder
     * @param out where to print
     * @throws org.uniconbench.harness.BadInputException when the folder is not a run folder
     */
    public static void print(Path runDir, PrintWriter out) {
        Experiment e = ArmChild.experiment(runDir);
        Path dir = runDir.toAbsolutePath().normalize();
        boolean slurm = JobLedger.exists(dir);
        JobLedger ledger = JobLedger.of(dir);
        Map<String, JobState> queue = slurm && SlurmCli.onPath("squeue") ? JobState.queue() : null;
        out.println("run " + dir + ": " + summaryStatus(dir) + (slurm ? " (Slurm, " + ledger.version() + ")" : ""));
        int open = 0;
        for (int seed : e.seeds()) {
            for (ArmSpec arm : e.arms()) {
                ArmTask task = new ArmTask(dir, arm, seed, arm.name() + (e.seeds().size() > 1 ? " seed " + seed : ""));
                Map<String, Object> row = ArmRows.finished(dir, arm.name(), seed);
                String id = ledger.jobId(task.key());
                StringBuilder line = new StringBuilder("  [" + task.label() + "] ");
                if (row != null && ("completed".equals(row.get("status")) || "failed".equals(row.get("status")))) {
                    line.append(row.get("status"));
                    if (row.get("error") != null) {
                        line.append(": ").append(row.get("error"));
                    }
                    if (id != null) {
                        line.append(" (job ").append(id).append(')');
                    }
                } else if (id != null) {
                    open++;
                    JobState s = queue != null && queue.containsKey(id) ? queue.get(id) : JobState.detail(id);
                    line.append("job ").append(id).append(' ').append(s.state());
                    if ("RUNNING".equals(s.state())) {
                        ArmProgress p = ArmProgress.read(dir, task, e.training().steps());
                        line.append(" on ").append(s.node()).append(", step ").append(p.step()).append('/')
                                .append(e.training().steps()).append(", ETA ")
                                .append(Progress.duration(p.secondsLeft()));
                    } else if (!s.reason().isEmpty()) {
                        line.append(" (").append(s.reason()).append(')');
                    }
                    if (s.terminal()) {
                        line.append(", not collected yet");
                    }
                } else {
                    open++;
                    line.append("not run yet");
                }
                out.println(line);
            }
        }
        if (open > 0) {
            out.println(open + " arm run(s) without a row; finish with unicon run --resume " + dir
                    + (slurm ? " (waits for the jobs, then writes summary and report)" : ""));
        }
        out.flush();
    }

    private static String summaryStatus(Path dir) {
        if (!RunFolder.hasSummary(dir)) {
            return "no summary yet";
        }
        try {
            String status = RunFolder.open(dir).summary().status();
            return status == null ? "no status" : status;
        } catch (ReportException e) {
            return "summary unreadable (" + e.getMessage() + ")";
        }
    }
}
