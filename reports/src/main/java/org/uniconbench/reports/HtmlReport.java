package org.uniconbench.reports;

import static org.uniconbench.reports.Html.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uniconbench.files.AtomicFile;

/**
 * Writes one self-contained {@code report.html} for a run folder, and the page that compares runs.
 *
 * <p>The report is a header and the {@link #SECTIONS}, in order: the paper's claims beside this
 * run's measurement ({@link ClaimsSection}), provenance, the per-arm table, cost, the cost model's
 * prediction, fidelity, the feature-space quality proxies, the training loss, the control metric
 * during training (when the run recorded it), sample images and the resolved experiment. Each section is one {@link ReportSection} class; the frame, stylesheet and
 * Content-Security-Policy are {@link Page}'s. Charts are inline SVG, images data URIs: the page loads
 * nothing from outside the file. Every string read from the run folder is HTML-escaped. A figure the
 * folder does not hold shows as "not measured"; an unreadable optional file shows its error in
 * place of its section instead of failing the whole report. {@link #compare} puts several runs side
 * by side on one page ({@link ComparePage}).
 *
 * <pre>{@code
 * Path html = HtmlReport.write(Path.of("runs/quickstart-2026-11-25T170000Z"));
 * }</pre>
 */
public final class HtmlReport {
    /** Name of the report file written inside the run folder. */
    public static final String FILE_NAME = "report.html";
    /** Default file name of {@link #compare}'s page. */
    public static final String COMPARE_FILE_NAME = "compare.html";

    /** The report's sections, in page order. Adding a section is one class and one line here. */
    static final List<ReportSection> SECTIONS = List.of(
            new ClaimsSection(),
            new ProvenanceSection(),
            new ArmsSection(),
            new CostSection(),
            new PredictedCostSection(),
            new FidelitySection(),
            new QualitySection(),
            new TrainingLossSection(),
            new ControlCurveSection(),
            new SamplesSection(),
            new ConfigurationSection());

    private HtmlReport() {
    }

    /**
     * Reads {@code runDir} and writes {@code runDir/report.html}, replacing any earlier report.
     *
     * @return the path of the written report
     * @throws ReportException if the run summary is missing or invalid, or the report cannot be written
     */
    public static Path write(Path runDir) {
        RunFolder run = RunFolder.open(runDir);
        Path target = run.dir().resolve(FILE_NAME);
        writeWhole(target, render(run));
        return target;
    }

    /**
     * Reads every run folder and writes one self-contained page that puts them side by side: one
     * table of every arm of every run (cost and fidelity), then each run's claims.
     *
     * @param runDirs the run folders, in the order to show them; at least one
     * @param outFile the page to write (replaced if it exists)
     * @return the path of the written page
     * @throws ReportException if a folder is not a run folder (no valid run summary), or the page
     *     cannot be written
     */
    public static Path compare(List<Path> runDirs, Path outFile) {
        if (runDirs == null || runDirs.isEmpty()) {
            throw new ReportException(
                    "compare needs at least one run folder: pass the folders the harness printed (under runs/)");
        }
        List<RunFolder> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunFolder.open(dir));
        }
        Path target = outFile.toAbsolutePath().normalize();
        writeWhole(target, renderComparison(runs));
        return target;
    }

    /** Renders the side-by-side page of several opened run folders. */
    public static String renderComparison(List<RunFolder> runs) {
        return ComparePage.render(runs);
    }

    /** Renders the report of an opened run folder as one HTML document. */
    public static String render(RunFolder run) {
        ReportInput in = ReportInput.of(run);
        RunSummary s = in.summary();
        String name = s.experiment() == null ? run.dir().getFileName().toString() : s.experiment();
        String status = s.status() == null ? "unknown" : s.status();
        StringBuilder b = new StringBuilder(64 * 1024);
        Page.head(b, name + " (" + status + ")");
        b.append("<h1>").append(esc(name)).append(" <span class=\"status ").append(statusClass(status)).append("\">")
                .append(esc(status)).append("</span></h1>\n");
        b.append("<p class=\"sub\">UniCon Bench run <code>").append(esc(run.dir().getFileName().toString()))
                .append("</code> · ").append(s.arms().size()).append(s.arms().size() == 1 ? " arm" : " arms");
        if (s.description() != null && !s.description().isBlank()) {
            b.append("<br>").append(esc(s.description()));
        }
        b.append("</p>\n");
        for (ReportSection section : SECTIONS) {
            if (section.shown(in)) {
                Page.section(b, section.title(), () -> section.html(in));
            }
        }
        Page.end(b);
        return b.toString();
    }

    /** Writes {@code html} to {@code target} whole ({@link AtomicFile}). */
    private static void writeWhole(Path target, String html) {
        try {
            AtomicFile.writeString(target, html);
        } catch (IOException e) {
            throw new ReportException(
                    "could not write " + target + " (" + e + "): check the folder exists and is writable", e);
        }
    }

    private static String statusClass(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "completed" -> "ok";
            case "failed" -> "bad";
            default -> "warn";
        };
    }
}
