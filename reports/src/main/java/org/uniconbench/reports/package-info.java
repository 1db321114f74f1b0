/**
 * Self-contained HTML reports rebuilt from a run folder on disk.
 *
 * <p>This package never depends on the training code: {@link org.uniconbench.reports.RunFolder}
 * reads what the harness wrote ({@code summary.json}, {@code provenance.json},
 * {@code arms/NAME/metrics.jsonl}, {@code samples/}, {@code experiment.yaml}) and
 * {@link org.uniconbench.reports.HtmlReport} turns it into one {@code report.html} with no
 * external resources, so a report can be rebuilt from any run folder, on any machine. The page is a
 * list of sections, one class each ({@code ReportSection}, registered in {@code HtmlReport.SECTIONS});
 * its stylesheet ({@code report.css}) and prose captions ({@code captions.properties}) are resources
 * beside these classes, inlined when the page is built.
 */
package org.uniconbench.reports;
