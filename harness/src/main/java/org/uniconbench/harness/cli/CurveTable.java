package org.uniconbench.harness.cli;

import org.uniconbench.reports.CurveSummary;
import org.uniconbench.reports.ReportException;
import org.uniconbench.reports.RunFolder;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The control-curve lines of {@code unicon table}: where each arm's curve ({@code evaluation.curve})
 * ends and how much it still moved in its last fifth, as Markdown. Prints nothing for a run
 * without curves.
 */
final class CurveTable {

    private CurveTable() {
    }

    /**
     * Prints the table of the run's curves, if it has any.
     *
     * @param runDir the run folder
     * @param out where to print
     * @param err where a curve file that cannot be read is named
     */
    static void print(Path runDir, PrintWriter out, PrintWriter err) {
        List<CurveSummary> curves;
        try {
            curves = CurveSummary.of(RunFolder.open(runDir));
        } catch (ReportException e) {
            err.println("warning: no control-curve table: " + e.getMessage());
            return;
        }
        if (curves.isEmpty()) {
            return;
        }
        int tail = (int) Math.round((1 - CurveSummary.TAIL) * 100);
        out.println("| arm | control metric | seeds | step 0 | last step | at last step | change in last " + tail
                + "% of steps | train s |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (CurveSummary c : curves) {
            out.println("| " + c.arm() + " | " + c.metric() + " | " + c.seeds() + " | "
                    + (c.atStart() == null ? "-" : String.format(Locale.ROOT, "%.3f", c.atStart())) + " | "
                    + c.lastStep() + " | " + String.format(Locale.ROOT, "%.3f", c.last()) + " | "
                    + (c.tailChange() == null ? "-" : String.format(Locale.ROOT, "%+.3f", c.tailChange())) + " | "
                    + String.format(Locale.ROOT, "%.1f", c.trainSeconds()) + " |");
        }
        out.println();
        out.println("Control during training (arms/ARM/curve.jsonl, mean over seeds): the control metric on a small "
                + "fixed evaluation set; train s excludes the evaluation's time.");
        out.println();
    }
}
