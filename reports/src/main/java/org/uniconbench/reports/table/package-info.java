/**
 * Summary rows as Tablesaw tables: one run's rows ({@link org.uniconbench.reports.table.RowTable},
 * the source of {@code summary.csv}), the rows of many runs with the run's name, experiment, commit
 * and date ({@link org.uniconbench.reports.table.RunsTable}, behind {@code unicon runs --csv}),
 * their CSV text ({@link org.uniconbench.reports.table.CsvText}) and the per-arm medians over seeds
 * that {@code unicon compare}'s scaling section takes across runs
 * ({@link org.uniconbench.reports.table.ArmMedians}). Columns
 * follow the rows' fields, so a field the runner adds becomes a column with no change here. HTML
 * pages build their tables as strings (Tablesaw adds nothing there).
 */
package org.uniconbench.reports.table;
