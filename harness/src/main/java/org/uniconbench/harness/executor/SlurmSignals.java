package org.uniconbench.harness.executor;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What signals do to a run waiting for its Slurm jobs. SIGTERM detaches: the jobs run on and
 * {@code unicon run --resume RUN_DIR} collects them later. Ctrl-C (SIGINT) asks, when standard input
 * is a terminal, whether to cancel the jobs ({@code scancel}) or detach; without a terminal it detaches.
 * The previous handlers come back when the run stops waiting.
 */
final class SlurmSignals {

    /** Exit status after detaching: the run is not lost, it goes on. */
    static final int DETACHED = 0;
    /** Exit status after cancelling on Ctrl-C, as a shell reports an interrupted command. */
    static final int CANCELLED = 130;

    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;

    private SlurmSignals(SignalHandler previousTerm, SignalHandler previousInt) {
        this.previousTerm = previousTerm;
        this.previousInt = previousInt;
    }

    /**
     * Installs the handlers.
     *
     * @param runDir the run folder (named in the message)
     * @param ledger the run's jobs (cancelled on Ctrl-C and "c")
     * @param out where the message goes
     * @param submission held by the launcher while it submits jobs and saves the ledger; a handler
     *     waits for it, so that a run never stops with jobs submitted but not recorded
     * @return the handlers, to {@link #restore} the previous ones
     */
    static SlurmSignals install(Path runDir, JobLedger ledger, PrintWriter out, Object submission) {
        SignalHandler term = Signal.handle(new Signal("TERM"), s -> {
            synchronized (submission) {
                detach(runDir, out, "SIGTERM");
            }
        });
        SignalHandler interrupt = Signal.handle(new Signal("INT"), s -> {
            synchronized (submission) {
                Console console = System.console();
                if (console == null) {
                    detach(runDir, out, "Ctrl-C without a terminal to ask on");
                    return;
                }
                String answer = console
                        .readLine("%nCancel the run's Slurm jobs (c) or detach and leave them running (d)? [d] ");
                if (answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("c")) {
                    cancel(ledger, out);
                    System.exit(CANCELLED);
                }
                detach(runDir, out, "Ctrl-C");
            }
        });
        return new SlurmSignals(term, interrupt);
    }

    private static void detach(Path runDir, PrintWriter out, String why) {
        synchronized (out) {
            out.println("detached (" + why + "): the Slurm jobs keep running; states: unicon status " + runDir
                    + "; collect: unicon run --resume " + runDir);
            out.flush();
        }
        System.exit(DETACHED);
    }

    /** Cancels every job of the run that Slurm still holds. */
    static void cancel(JobLedger ledger, PrintWriter out) {
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(ledger.all().values());
        SlurmCli.Output result = SlurmCli.run(command, 60);
        synchronized (out) {
            out.println("cancelled " + ledger.all().size() + " Slurm job(s)"
                    + (result.ok() ? "" : ": " + result.oneLine()));
            out.flush();
        }
    }

    void restore() {
        Signal.handle(new Signal("TERM"), previousTerm);
        Signal.handle(new Signal("INT"), previousInt);
    }
}
