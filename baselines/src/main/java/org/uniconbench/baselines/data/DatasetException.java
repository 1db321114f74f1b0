package org.uniconbench.baselines.data;

/** A dataset could not be loaded; the message says what is missing and how to fix it. */
public final class DatasetException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public DatasetException(String message) {
        super(message);
    }
}
