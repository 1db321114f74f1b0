package org.uniconbench.harness.executor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Slurm says about one job (an array task: {@code 123_4}).
 *
 * @param id the job id
 * @param state Slurm's state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, ...;
 *     UNKNOWN when Slurm has no record of it
 * @param reason Slurm's reason (pending reason, or why it ended), or empty
 * @param exitCode {@code status:signal}, or empty
 * @param node where it ran or runs, or empty
 * @param partition its partition, or empty
 * @param restarts how often it was requeued, or 0
 */
record JobState(String id, String state, String reason, String exitCode, String node, String partition, int restarts) {

    /** States after which a job does not run again (without a requeue by hand). */
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
            "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "SPECIAL_EXIT");

    static JobState unknown(String id) {
        return new JobState(id, "UNKNOWN", "", "", "", "", 0);
    }

    boolean terminal() {
        return TERMINAL.contains(state);
    }

    boolean known() {
        return !"UNKNOWN".equals(state);
    }

    /**
     * Every job of this user that Slurm's controller holds, by id ({@code squeue -t all}, array tasks
     * apart), or null when the controller did not answer.
     */
    static Map<String, JobState> queue() {
        SlurmCli.Output out = SlurmCli
                .run(List.of("squeue", "-h", "-r", "-t", "all", "-u", System.getProperty("user.name"),
                        "-o", "%i|%T|%r|%N|%P"), 60);
        Map<String, JobState> states = new LinkedHashMap<>();
        if (!out.ok()) {
            return null; // the controller is busy or down: the next poll tries again
        }
        for (String line : out.text().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length == 5) {
                states.put(f[0],
                        new JobState(f[0], f[1].replace("+", ""), f[2].equals("None") ? "" : f[2], "", f[3], f[4], 0));
            }
        }
        return states;
    }

    /**
     * The full record of one job: {@code scontrol show job} while the controller keeps it
     * ({@code MinJobAge}), else the accounting database ({@code sacct}), else the job completion log
     * ({@code sacct --completion}, for clusters without slurmdbd; it knows array tasks only by their
     * own job id, {@code rawId}, which the task records in its arm's folder).
     */
    static JobState detail(String id) {
        return detail(id, null);
    }

    /** As {@link #detail(String)}, with the array task's own job id for the completion log, or null. */
    static JobState detail(String id, String rawId) {
        SlurmCli.Output out = SlurmCli.run("scontrol", "show", "job", "-o", id);
        if (out.ok() && out.text().contains("JobState=")) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String token : out.text().strip().split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq > 0) {
                    f.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
                }
            }
            String reason = f.getOrDefault("Reason", "");
            return new JobState(id, f.getOrDefault("JobState", "UNKNOWN"), reason.equals("None") ? "" : reason,
                    f.getOrDefault("ExitCode", ""), f.getOrDefault("NodeList", "").replace("(null)", ""),
                    f.getOrDefault("Partition", ""), parseInt(f.getOrDefault("Restarts", "0")));
        }
        List<List<String>> queries = new java.util.ArrayList<>();
        queries.add(List.of("sacct", "-n", "-P", "-X", "-j", id, "-o", "State,ExitCode,NodeList,Partition"));
        if (rawId != null) { // the completion log mixes up array task ids: ask by the task's own id
            queries.add(
                    List.of("sacct", "-c", "-n", "-P", "-j", rawId, "-o", "JobID,State,ExitCode,NodeList,Partition"));
        }
        for (List<String> sacct : queries) {
            SlurmCli.Output acct = SlurmCli.run(sacct, 60);
            if (!acct.ok()) {
                continue;
            }
            for (String line : acct.text().split("\n")) {
                String[] f = line.strip().split("\\|", -1);
                if (f.length == 4 && !f[0].isEmpty()) {
                    return new JobState(id, f[0].split(" ")[0], f[0].contains(" by ") ? f[0] : "", f[1], f[2], f[3], 0);
                }
                if (f.length == 5 && !f[1].isEmpty()) {
                    return new JobState(id, f[1].split(" ")[0], "", f[2], f[3], f[4], 0);
                }
            }
        }
        return unknown(id);
    }

    /** How it ended, in words: {@code FAILED (NonZeroExitCode, exit code 1:0) on node7}. */
    String describe() {
        StringBuilder s = new StringBuilder(state);
        List<String> why = new java.util.ArrayList<>();
        if (!reason.isEmpty()) {
            why.add(reason);
        }
        if (!exitCode.isEmpty()) {
            why.add("exit code " + exitCode);
        }
        if (!why.isEmpty()) {
            s.append(" (").append(String.join(", ", why)).append(')');
        }
        if (!node.isEmpty()) {
            s.append(" on ").append(node);
        }
        return s.toString();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
