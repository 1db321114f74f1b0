package org.uniconbench.harness.tracking;

/**
 * The tracking server answered but refused or could not do what a sync asked (a rejected request,
 * a run whose artifacts the server does not serve, a deleted experiment); the message says which.
 */
public class TrackingException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure, or null
     */
    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
