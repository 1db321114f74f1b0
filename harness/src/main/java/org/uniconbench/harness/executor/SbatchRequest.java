package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.DeviceChoice;
import org.uniconbench.harness.store.JobEnvironment;
import org.uniconbench.harness.experiment.ExecutorSpec;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sbatch} options an experiment's {@code executor:} block asks for, and the batch script
 * that runs arm-and-seed processes (the hidden {@code arm-run} command) as the tasks of a job array,
 * with the environment they need: this {@code java}, this class path, DJL offline, tracking opted out.
 */
final class SbatchRequest {

    /** The file in an arm's folder where its array task notes its own job id. */
    static final String RAW_ID_FILE = "slurm-job-id";

    private SbatchRequest() {
    }

    /** Resource and placement options: partition, account, qos, time, cpus, memory, gres, extra arguments. */
    static List<String> options(ExecutorSpec x, DeviceChoice device) {
        List<String> o = new ArrayList<>();
        add(o, "--partition=", x.partition());
        add(o, "--account=", x.account());
        add(o, "--qos=", x.qos());
        add(o, "--time=", x.timeLimit());
        add(o, "--cpus-per-task=", x.cpusPerTask() == null ? null : x.cpusPerTask().toString());
        add(o, "--mem=", x.mem());
        add(o, "--gres=", x.gres() != null ? x.gres() : device == DeviceChoice.GPU ? "gpu:1" : null);
        o.addAll(x.extraArgs());
        return o;
    }

    private static void add(List<String> o, String option, String value) {
        if (value != null) {
            o.add(option + value);
        }
    }

    /**
     * A memory pass's command as a Slurm job of its own: {@code srun} with the executor's settings
     * (it waits for the job and relays its output; the environment goes with it).
     */
    static List<String> srun(ExecutorSpec x, DeviceChoice device, List<String> command) {
        List<String> c = new ArrayList<>(List.of("srun", "--job-name=unicon-memory-pass", "--ntasks=1", "--quiet"));
        c.addAll(options(x, device));
        c.addAll(command);
        return c;
    }

    /** The JVM command that runs one arm and seed, with shell variables {@code $arm} and {@code $seed}. */
    static String javaCommand(Path runDir) {
        List<String> c = new ArrayList<>();
        c.add(quote(ProcessHandle.current().info().command().orElse("java")));
        // this process's settings that shape a run, as the local arm processes get them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dai.djl.") || a.startsWith("-Dorg.uniconbench.") || a.startsWith("-Xmx"))
                .map(SbatchRequest::quote).forEach(c::add);
        c.add("-Dai.djl.offline=true");
        c.add("-Djava.awt.headless=true");
        c.add("-cp");
        c.add(quote(absoluteClassPath(System.getProperty("java.class.path"))));
        c.add("org.uniconbench.harness.cli.Main");
        c.add("arm-run");
        c.add(quote(runDir.toString()));
        c.add("--arm \"$arm\" --seed \"$seed\"");
        return String.join(" ", c);
    }

    /**
     * A batch script whose array task {@code i} runs {@code tasks.get(i)}; the process's output goes
     * to the arm's {@code console.log}, as for a local arm process.
     */
    static String script(Path runDir, List<ArmTask> tasks, List<Integer> indices) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# Arm processes of ").append(runDir)
                .append(", one array task per arm and seed (written by unicon run).\n");
        s.append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        for (int i = 0; i < tasks.size(); i++) {
            s.append("  ").append(indices.get(i)).append(") arm=").append(quote(tasks.get(i).arm().name()))
                    .append("; seed=").append(tasks.get(i).seed()).append(" ;;\n");
        }
        s.append("  *) echo \"no arm for array index $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n");
        s.append("dir=").append(quote(runDir.toString())).append("/arms/\"$arm\"/seed-\"$seed\"\n");
        s.append("mkdir -p \"$dir\"\n");
        // a job requeued after its arm finished has nothing left to do (the arm would start again from scratch)
        s.append("if [ -f \"$dir/row.json\" ]; then echo \"slurm job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}: "
                + "the arm has its row already; nothing to do\" >> \"$dir/console.log\"; exit 0; fi\n");
        s.append("echo \"slurm job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), "
                + "start ${SLURM_RESTART_COUNT:-0}\" >> \"$dir/console.log\"\n");
        s.append("echo \"$SLURM_JOB_ID\" > \"$dir/" + RAW_ID_FILE + "\"\n"); // the completion log's id of this task
        s.append("export OPT_OUT_TRACKING=true\n");
        s.append("export ").append(JobEnvironment.VERSION).append('=').append(quote(SlurmCli.version())).append('\n');
        s.append("exec ").append(javaCommand(runDir)).append(" >> \"$dir/console.log\" 2>&1\n");
        return s.toString();
    }

    /** The class path with every entry absolute: the job starts in the run folder. */
    static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().normalize().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Single-quoted for bash. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
