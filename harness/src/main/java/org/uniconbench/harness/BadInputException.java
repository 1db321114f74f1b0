package org.uniconbench.harness;

/**
 * Input the user can fix (a missing dataset, a device that is not there, a folder that is not a
 * run folder); the command line prints the message without a stack trace and exits with 2.
 */
public final class BadInputException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public BadInputException(String message) {
        super(message);
    }
}
