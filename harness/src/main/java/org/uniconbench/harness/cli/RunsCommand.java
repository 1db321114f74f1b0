package org.uniconbench.harness.cli;

import org.uniconbench.harness.store.RunProcess;
import org.uniconbench.reports.ArmResult;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code unicon runs}: lists the run folders under an output folder, newest last. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List run folders (name, status, arms, report) under an output folder; a run whose process "
        + "is gone before it finished is shown as interrupted, with the command that finishes it.")
final class RunsCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs", description = "folder holding run folders (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--csv", arity = "0..1", paramLabel = "DIR", fallbackValue = "", description = "instead of the list, export every row of every run (one line per arm and seed) as CSV, "
            + "from DIR (default: --output); exit 1 when a run folder could not be read and was left out")
    String csv;

    @Option(names = "--out", paramLabel = "FILE", description = "with --csv: write the CSV to FILE, not to stdout")
    Path csvFile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (csvFile != null && csv == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out FILE writes the CSV of --csv: add --csv (unicon runs --csv [DIR] --out FILE)");
        }
        if (csv != null) { // unicon runs --csv [DIR] [--out FILE]
            return RunsCsv.export(csv.isEmpty() ? output : Path.of(csv), csvFile, out, spec.commandLine().getErr());
        }
        if (!Files.isDirectory(output)) {
            out.println("no runs: " + output.toAbsolutePath() + " does not exist (run `unicon run "
                    + "experiments/quickstart.yaml` first, or pass --output DIR)");
            return Main.OK;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(output)) {
            dirs = s.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        out.printf(Locale.ROOT, "%-40s %-10s %-40s %s%n", "run folder", "status", "arms", "report");
        for (Path dir : dirs) {
            try {
                RunFolder run = RunFolder.open(dir);
                List<String> arms = run.summary().arms().stream()
                        .filter(a -> !a.isBackbone())
                        .map(ArmResult::name)
                        .distinct()
                        .toList();
                Path report = dir.resolve("report.html");
                String status = run.summary().status();
                boolean interrupted = "running".equals(status) && RunProcess.state(dir) == RunProcess.State.INTERRUPTED;
                out.printf(Locale.ROOT, "%-40s %-10s %-40s %s%n", dir.getFileName(),
                        interrupted ? "interrupted" : status,
                        String.join(",", arms), Files.exists(report) ? report : "-");
                if (interrupted) { // its process is gone: killed, or the machine went down
                    out.println("  finish it: ./unicon run --resume " + dir);
                }
            } catch (ReportException ex) {
                RunProcess.State state = RunProcess.state(dir);
                if (!RunFolder.hasSummary(dir) && state != RunProcess.State.UNKNOWN) {
                    // before its first summary: pre-training, or killed during it
                    boolean gone = state == RunProcess.State.INTERRUPTED;
                    out.printf(Locale.ROOT, "%-40s %-10s %-40s %s%n", dir.getFileName(),
                            gone ? "interrupted" : "running",
                            "-", "-");
                    if (gone) {
                        out.println("  finish it: ./unicon run --resume " + dir);
                    }
                    continue;
                }
                out.printf(Locale.ROOT, "%-40s %-10s %s%n", dir.getFileName(), "unreadable", ex.getMessage());
            }
        }
        return Main.OK;
    }
}
