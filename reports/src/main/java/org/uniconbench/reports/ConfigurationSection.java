package org.uniconbench.reports;

import static org.uniconbench.reports.Html.NOT_MEASURED;
import static org.uniconbench.reports.Html.esc;

import java.util.Optional;

/** The report's last section: the run's resolved experiment.yaml, folded. */
final class ConfigurationSection implements ReportSection {
    @Override
    public String title() {
        return "Resolved configuration";
    }

    @Override
    public String html(ReportInput in) {
        return configuration(in.run());
    }

    private static String configuration(RunFolder run) {
        Optional<String> yaml = run.experimentYaml();
        if (yaml.isEmpty()) {
            return "<p>" + NOT_MEASURED + " (no " + RunFolder.EXPERIMENT + " in the run folder)</p>\n";
        }
        return "<details>\n<summary>" + RunFolder.EXPERIMENT + " (click to expand)</summary>\n<pre class=\"yaml\">"
                + esc(yaml.get()) + "</pre>\n</details>\n";
    }
}
