package org.uniconbench.harness.arms;

import org.uniconbench.harness.train.StoppedWithJvm;

/**
 * The arm processes this JVM has started, stopped with it ({@link StoppedWithJvm}: SIGTERM to every
 * arm process and its own children, memory passes included, SIGKILL after {@value #GRACE_SECONDS} s),
 * so no arm trains on after the run has stopped. The arm's own watch of its parent, a second behind,
 * remains for {@code kill -9} of the run, which runs no hooks.
 *
 * <p>While stopping, an arm process that ended is not a failed arm: the caller leaves it without a
 * row, so that {@code unicon run --resume} continues it from its checkpoint.
 */
final class ArmChildren {

    /** How long stopped children get to end before SIGKILL. */
    static final int GRACE_SECONDS = 10;

    private static final StoppedWithJvm LIVE = new StoppedWithJvm("stop-arm-processes", GRACE_SECONDS);

    private ArmChildren() {
    }

    /** Starts and tracks an arm process ({@link StoppedWithJvm#start}). */
    static Process start(ProcessBuilder builder) throws java.io.IOException {
        return LIVE.start(builder);
    }

    /** Stops tracking an arm process that has ended. */
    static void ended(Process process) {
        LIVE.ended(process);
    }

    /** Whether this JVM is shutting down (its arm processes are being stopped). */
    static boolean stopping() {
        return LIVE.stopping();
    }

    /**
     * Whether an arm process that ended without a row was stopped with the run rather than failed.
     * While the JVM stops, the calling thread waits here for it to halt, so that nothing is recorded
     * about the arm; an exit by SIGINT (Ctrl-C reaches the whole process group) waits a moment for
     * this JVM's own shutdown to begin.
     *
     * @param exit the arm process's exit status
     * @return true when the arm was interrupted (its row must not be written); false for a failure
     */
    static boolean stoppedWithRun(int exit) {
        for (int i = 0; exit == SIGINT_EXIT && !stopping() && i < 50; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (stopping()) {
            StoppedWithJvm.awaitHalt();
        }
        return exit == SIGINT_EXIT;
    }

    /** Exit status of a JVM ended by SIGINT. */
    static final int SIGINT_EXIT = 130;
}
