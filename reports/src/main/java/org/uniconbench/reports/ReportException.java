package org.uniconbench.reports;

/**
 * A run folder could not be read or a report could not be written.
 *
 * <p>The message names the file (and field or line, where known) and says how to fix it.
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the file and the fix. */
    public ReportException(String message) {
        super(message);
    }

    /** Creates an exception with a message that names the file and the fix, and its cause. */
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
