package org.uniconbench.harness.executor;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Runs arm-and-seed processes somewhere other than as the runner's own children. The runner calls
 * {@link #prepare} once with every task that has no row yet, then {@link #await} for each, from up to
 * {@link #concurrency} threads, and keeps whatever rows come back.
 */
public interface ArmLauncher {

    /**
     * Starts every task (a scheduler submits them all here), or finds them already started by an
     * earlier, detached invocation.
     *
     * @param tasks the tasks without a row, in the experiment's order
     * @param out progress
     */
    void prepare(List<ArmTask> tasks, PrintWriter out);

    /**
     * Waits for one task and returns its row (written to its folder), or null when this launcher
     * does not wait ({@link #detached()}).
     */
    Map<String, Object> await(ArmTask task, PrintWriter out);

    /** How many {@link #await} calls may block at once. */
    int concurrency(int tasks);

    /** True when the runner should return after {@link #prepare}, leaving the tasks running. */
    boolean detached();

    /** Called once after the last {@link #await}, whatever happened. */
    default void close() {
    }
}
