package org.uniconbench.harness.cli;

import org.uniconbench.reports.HtmlReport;
import org.uniconbench.reports.RunFolderCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unicon report RUN_DIR}: rebuilds a run's report from its folder. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild RUN_DIR/report.html from the files in a run folder.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder")
    Path runDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunFolderCheck.finished(runDir); // exit 2 naming the file before any work
        Path report = HtmlReport.write(runDir);
        spec.commandLine().getOut().println("report: " + report);
        return Main.OK;
    }
}
