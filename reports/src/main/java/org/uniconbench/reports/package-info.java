/**
 * Self-contained HTML reports rebuilt from a run folder on disk.
 *
 * <p>This package never depends on the training code: {@link org.uniconbench.reports.RunFolder}
 * reads what the harness wrote (the run summary, {@code provenance.json},
 * {@code arms/NAME/metrics.jsonl}, {@code samples/}, {@code experiment.yaml}); it is the one reader of
 * the run summary, which every command of the harness reads through it, and
 * {@link org.uniconbench.reports.Metric} declares each metric of a row once.
 * {@link org.uniconbench.reports.HtmlReport} turns the folder into one {@code report.html} with no
 * external resources, so a report can be rebuilt from any run folder, on any machine. The page is a
 * list of sections, one class each ({@code ReportSection}, registered in {@code HtmlReport.SECTIONS});
 * its stylesheet ({@code report.css}) and prose captions ({@code captions.properties}) are resources
 * beside these classes, inlined when the page is built.
 */
package org.uniconbench.reports;
