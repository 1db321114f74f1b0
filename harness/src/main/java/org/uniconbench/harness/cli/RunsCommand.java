package org.uniconbench.harness.cli;

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
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List run folders (name, status, arms, best SSIM) under an output folder.")
final class RunsCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs",
            description = "folder holding run folders (default: ${DEFAULT-VALUE})")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
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
                out.printf(Locale.ROOT, "%-40s %-10s %-40s %s%n", dir.getFileName(), run.summary().status(),
                        String.join(",", arms), Files.exists(report) ? report : "-");
            } catch (ReportException ex) {
                out.printf(Locale.ROOT, "%-40s %-10s %s%n", dir.getFileName(), "unreadable", ex.getMessage());
            }
        }
        return Main.OK;
    }
}
