package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.arms.ArmRows;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every arm and seed of a run as a task of one Slurm job array ({@code sbatch --requeue}), then
 * waits: one poller asks Slurm for the jobs' states, prints each job's state (with the arm's step and
 * time left, read from its log) and the whole run's time left, and hands each finished job's row to
 * the runner. A job that ends without a row (failed, cancelled, out of time or memory) becomes a
 * failed row with Slurm's state and reason. A requeued job starts its arm's process again, which
 * continues from the arm's last checkpoint. Detached, it only submits.
 */
public final class SlurmLauncher implements ArmLauncher {

    /** System property: seconds between polls of the queue (default 5). */
    static final String POLL_PROPERTY = "org.uniconbench.slurm.poll";
    /** System property: seconds between progress blocks when no job changed state (default 30). */
    static final String PRINT_PROPERTY = "org.uniconbench.slurm.progress";
    /** Polls in a row without any record of a job before it counts as lost. */
    private static final int LOST_AFTER = 3;

    private final Experiment experiment;
    private final boolean detach;
    private final Map<String, JobState> states = new ConcurrentHashMap<>();
    private final Map<String, Integer> missing = new ConcurrentHashMap<>();
    private final List<ArmTask> waiting = new ArrayList<>();
    private final Object monitor = new Object();
    /** Held while sbatch runs and the ledger is saved: a signal's handler waits for it (SlurmSignals). */
    private final Object submission = new Object();
    private JobLedger ledger;
    private Path runDir;
    private Thread poller;
    private SlurmSignals signals;
    private volatile boolean closed;

    /**
     * @param experiment the run's experiment (its {@code executor:} block says what to ask for)
     * @param detach true to submit and return
     */
    public SlurmLauncher(Experiment experiment, boolean detach) {
        this.experiment = experiment;
        this.detach = detach;
    }

    @Override
    public void prepare(List<ArmTask> tasks, PrintWriter out) {
        if (tasks.isEmpty()) {
            return;
        }
        runDir = tasks.get(0).runDir();
        ledger = JobLedger.of(runDir);
        Map<String, JobState> queue = JobState.queue();
        if (queue == null) {
            queue = Map.of();
        }
        List<ArmTask> submit = new ArrayList<>();
        for (ArmTask task : tasks) {
            String id = ledger.jobId(task.key());
            if (id == null || !(queue.containsKey(id) || JobState.detail(id).known())) {
                submit.add(task); // never submitted, or Slurm has forgotten it: the arm continues from its checkpoint
            } else {
                out.println("[" + task.label() + "] Slurm job " + id + " submitted earlier; waiting for it");
            }
        }
        if (!detach) {
            // before submitting: a SIGTERM just after the jobs exist must detach (exit 0), not kill the
            // run (exit 143); one during the submission waits until the ledger holds the jobs' ids
            signals = SlurmSignals.install(runDir, ledger, out, submission);
        }
        if (!submit.isEmpty()) {
            synchronized (submission) {
                submitArray(submit, out);
            }
        }
        waiting.addAll(tasks);
        if (!detach) {
            poller = new Thread(() -> poll(out), "slurm-poller");
            poller.setDaemon(true);
            poller.start();
        }
    }

    private void submitArray(List<ArmTask> tasks, PrintWriter out) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            indices.add(i);
        }
        String name = "arms-" + System.currentTimeMillis() + ".sh";
        Path script = runDir.resolve("slurm").resolve(name);
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, SbatchRequest.script(runDir, tasks, indices));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--requeue",
                "--job-name=unicon-" + experiment.name(), "--array=0-" + (tasks.size() - 1),
                "--output=" + runDir.resolve("slurm") + "/%A_%a.out", "--chdir=" + runDir));
        command.addAll(SbatchRequest.options(experiment.executor(), experiment.device()));
        command.add(script.toString());
        SlurmCli.Output result = SlurmCli.run(command, 120);
        if (!result.ok()) {
            throw new IllegalStateException("sbatch refused the arm jobs: " + result.oneLine());
        }
        String arrayId = result.text().strip().lines().reduce((a, b) -> b).orElse("").split(";")[0];
        ledger.version(SlurmCli.version());
        for (int i = 0; i < tasks.size(); i++) {
            ledger.put(tasks.get(i).key(), arrayId + "_" + indices.get(i), name);
        }
        ledger.save();
        out.println("submitted " + tasks.size() + " arm run(s) as Slurm job array " + arrayId + " ("
                + ledger.version() + "); states: unicon status " + runDir);
        out.flush();
    }

    @Override
    public Map<String, Object> await(ArmTask task, PrintWriter out) {
        if (detach) {
            return null;
        }
        String id = ledger.jobId(task.key());
        synchronized (monitor) {
            while (true) {
                JobState s = states.get(id);
                if (s != null && s.terminal() || missing.getOrDefault(id, 0) >= LOST_AFTER) {
                    break;
                }
                try {
                    monitor.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return row(task, id, JobState.detail(id, rawId(task)), out);
    }

    /** The job's row: the one its process wrote, else a failed one with Slurm's account; with the job's provenance. */
    private Map<String, Object> row(ArmTask task, String id, JobState s, PrintWriter out) {
        Map<String, Object> row = ArmRows.finished(runDir, task.arm().name(), task.seed());
        if (row == null || !("completed".equals(row.get("status")) || "failed".equals(row.get("status")))) {
            String error = (s.known() ? "Slurm job " + id + " ended " + s.describe()
                    : "Slurm has no record of job " + id + " any more, and it wrote no row")
                    + lastOutput(task);
            row = ArmRows.failed(runDir, task.arm(), task.seed(), error);
            out.println("[" + task.label() + "] FAILED: " + error);
        } else {
            out.println(
                    "[" + task.label() + "] " + row.get("status") + " (Slurm job " + id + ", " + s.describe() + ")");
        }
        row = new LinkedHashMap<>(row);
        row.put("slurmJobId", id);
        row.put("slurmNode", s.node().isEmpty() ? null : s.node());
        row.put("slurmPartition", s.partition().isEmpty() ? null : s.partition());
        row.put("slurmState", s.state());
        row.put("slurmRestarts", s.restarts());
        row.put("slurmVersion", ledger.version());
        out.flush();
        return ArmRows.rewrite(runDir, task.arm().name(), task.seed(), row);
    }

    /** The array task's own job id, as it recorded it in the arm's folder, or null. */
    private String rawId(ArmTask task) {
        Path file = runDir.resolve(ArmRows.folder(task.arm().name(), task.seed())).resolve(SbatchRequest.RAW_ID_FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The last line of the arm's console log that is not a stack frame, for a failed row. */
    private String lastOutput(ArmTask task) {
        Path log = runDir.resolve(ArmRows.folder(task.arm().name(), task.seed())).resolve("console.log");
        try {
            if (!Files.isRegularFile(log)) {
                return "";
            }
            String last = null;
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                    last = line;
                }
            }
            return last == null ? "" : "; last output: " + last;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The poller: queue states every few seconds; a progress block on change or every half minute. */
    private void poll(PrintWriter out) {
        long lastPrint = 0;
        String lastShape = "";
        while (!closed) {
            Map<String, JobState> queue = JobState.queue();
            for (ArmTask task : queue == null ? List.<ArmTask>of() : waiting) {
                String id = ledger.jobId(task.key());
                JobState s = queue.get(id);
                if (s == null) {
                    JobState d = JobState.detail(id);
                    if (d.known()) {
                        s = d;
                    } else {
                        missing.merge(id, 1, Integer::sum);
                        continue;
                    }
                }
                missing.remove(id);
                states.put(id, s);
            }
            synchronized (monitor) {
                monitor.notifyAll();
            }
            String shape = SlurmProgress.shape(waiting, ledger, states);
            long now = System.nanoTime();
            if (!shape.equals(lastShape) || now - lastPrint > Long.getLong(PRINT_PROPERTY, 30) * 1_000_000_000L) {
                SlurmProgress.print(out, runDir, experiment.training().steps(), waiting, ledger, states);
                lastShape = shape;
                lastPrint = now;
            }
            try {
                Thread.sleep(Long.getLong(POLL_PROPERTY, 5) * 1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public int concurrency(int tasks) {
        return Math.max(1, tasks);
    }

    @Override
    public boolean detached() {
        return detach;
    }

    @Override
    public void close() {
        closed = true;
        if (poller != null) {
            poller.interrupt();
        }
        if (signals != null) {
            signals.restore();
        }
    }
}
