package org.uniconbench.reports;

/**
 * One section of a run's report: a heading and the HTML under it.
 *
 * <p>To add a section, write one class that implements this interface (copy
 * {@link ConfigurationSection} for a small one, {@link QualitySection} for a table with a caption)
 * and register it with one line in {@link HtmlReport#SECTIONS}, where it should appear on the page.
 * Prose captions go in {@code captions.properties} ({@link Captions}); shared cells and number
 * formats are in {@link Html}. A section escapes every string it takes from the run folder.
 */
interface ReportSection {

    /** The section's heading (plain text; the page escapes it). */
    String title();

    /**
     * The section's HTML.
     *
     * @param in the opened run folder and what every section shares
     * @throws ReportException when an optional file of the run cannot be read: the page then shows the
     *     error in place of this section and renders the others
     */
    String html(ReportInput in);

    /**
     * Whether the page shows this section for this run; an optional section (data only some runs
     * write, such as control curves) answers false when the run has none of it.
     *
     * @param in the opened run folder
     * @return true to show the section
     */
    default boolean shown(ReportInput in) {
        return true;
    }
}
