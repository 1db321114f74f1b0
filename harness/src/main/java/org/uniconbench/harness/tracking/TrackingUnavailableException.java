package org.uniconbench.harness.tracking;

/**
 * The tracking server cannot be reached (refused, timed out, gone mid-sync, a TLS handshake that
 * failed). Nothing in the run folder is lost: {@code unicon sync RUN_DIR} uploads the missing parts
 * later (see {@link RunMirror#retryHint}).
 */
public final class TrackingUnavailableException extends TrackingException {

    /**
     * Creates the exception.
     *
     * @param uri the tracking URI that did not answer
     * @param cause the underlying failure
     */
    public TrackingUnavailableException(String uri, Throwable cause) {
        super("MLflow tracking server " + uri + " is unreachable (" + describe(cause) + ")", cause);
    }

    private static String describe(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed: " + c.getMessage() + "; for a server whose certificate a private CA "
                        + "signed, set " + TrackingCredentials.CERT_PATH + " to that CA's bundle (PEM), or "
                        + TrackingCredentials.INSECURE_TLS + "=true to skip verification";
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
