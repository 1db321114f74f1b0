package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.ExperimentException;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.reports.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of {@code unicon}: {@code run}, {@code validate}, {@code estimate}, {@code report}, {@code runs}, {@code compare}, {@code eval}, {@code sync}, {@code reproduce}, {@code status}, {@code sweep} and {@code probe-backbone}.
 */
@Command(name = "unicon", mixinStandardHelpOptions = true, version = "unicon-bench 0.1.0", description = "Benchmarks UniCon (unidirectional) against ControlNet (bidirectional) control "
        + "of a frozen diffusion model.", subcommands = {RunCommand.class, ValidateCommand.class, EstimateCommand.class,
            ReportCommand.class, RunsCommand.class, EvalCommand.class, SyncCommand.class, CompareCommand.class,
            TableCommand.class, ReproduceCommand.class, StatusCommand.class, SweepCommand.class,
            MemoryPassCommand.class, TimingPassCommand.class, ArmRunCommand.class, ProbeBackboneCommand.class,
            GateCommand.class,
            CommandLine.HelpCommand.class}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success",
                "1:failure (an arm failed, a reproduction disagrees, or an unexpected error)",
                "2:bad input (experiment file, data, arguments)"})
public final class Main implements Runnable {

    /** Success. */
    public static final int OK = 0;
    /** A run or arm failed, or an unexpected error. */
    public static final int FAILURE = 1;
    /** Bad input: experiment file, data, arguments. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the command line (for tests as well as {@code main}).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        offline();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ExperimentException || ex instanceof BadInputException
                    || ex instanceof ReportException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println("unexpected failure (a bug; please report it with the stack trace):");
            ex.printStackTrace(err);
            err.flush();
            return FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Nothing may contact the network: DJL's offline mode and its tracking opt-out. */
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("java.awt.headless", "true");
    }
}
