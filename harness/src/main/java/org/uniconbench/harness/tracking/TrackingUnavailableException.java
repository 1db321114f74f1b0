package org.uniconbench.harness.tracking;

/**
 * The tracking server cannot be reached (refused, timed out, gone mid-sync). Nothing in the run
 * folder is lost: {@code unicon sync RUN_DIR} uploads the missing parts later.
 */
public final class TrackingUnavailableException extends TrackingException {

    /**
     * Creates the exception.
     *
     * @param uri the tracking URI that did not answer
     * @param cause the underlying failure
     */
    public TrackingUnavailableException(String uri, Throwable cause) {
        super("MLflow tracking server " + uri + " is unreachable (" + describe(cause) + "); the run folder "
                + "keeps everything: run `unicon sync RUN_DIR --mlflow " + uri + "` to upload it later", cause);
    }

    private static String describe(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
