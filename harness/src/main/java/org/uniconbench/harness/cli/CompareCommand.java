package org.uniconbench.harness.cli;

import org.uniconbench.harness.sweep.RunsText;
import org.uniconbench.reports.HtmlReport;
import org.uniconbench.reports.RunFolderCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code unicon compare RUN_DIR RUN_DIR... [--out FILE]}: one self-contained page with several runs
 * side by side (every arm's cost and fidelity, then each run's claims). A folder that is not a run
 * folder is bad input (exit 2).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Put run folders side by side in one self-contained HTML page.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "RUN_DIR", description = "run folders, in the order to show them")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = HtmlReport.COMPARE_FILE_NAME, description = "the page to write (default: ${DEFAULT-VALUE} in the current folder)")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        runDirs.forEach(RunFolderCheck::finished); // exit 2 naming the file before any work
        RunsText.print(runDirs, spec.commandLine().getOut()); // one line per arm and seed, sweep points named
        Path page = HtmlReport.compare(runDirs, out);
        spec.commandLine().getOut().println("comparison: " + page);
        return Main.OK;
    }
}
