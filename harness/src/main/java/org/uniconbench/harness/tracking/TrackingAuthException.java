package org.uniconbench.harness.tracking;

/**
 * The tracking server refused a request for want of (valid) credentials or permission: HTTP 401 or
 * 403. Retrying cannot help until the user sets or fixes MLflow's credential variables, which the
 * message names; the run folder keeps everything for a later {@code unicon sync}.
 */
public final class TrackingAuthException extends TrackingException {

    /** The HTTP status: 401 or 403. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param target the server and the credentials that were sent (only described, never shown)
     * @param status 401 or 403
     * @param what the refused request, e.g. {@code upload report.html to run ID}
     * @param cause the underlying failure, or null
     */
    public TrackingAuthException(TrackingTarget target, int status, String what, Throwable cause) {
        super(message(target, status, what), cause);
        this.status = status;
    }

    /** 401 (not authenticated) or 403 (authenticated, not allowed). */
    public int status() {
        return status;
    }

    private static String message(TrackingTarget target, int status, String what) {
        TrackingCredentials c = target.credentials();
        String server = "MLflow server " + target.uri();
        if (status == 403) {
            return server + " refused to " + what + " (HTTP 403 Forbidden) for " + c.describe() + ": that user lacks "
                    + "permission; ask the server's admin for EDIT permission on the experiment, or use another user";
        }
        if (!c.sendsCredentials()) {
            return server + " requires authentication (HTTP 401 Unauthorized) and no credentials were set: set "
                    + TrackingCredentials.USERNAME + " and " + TrackingCredentials.PASSWORD + " (basic auth), or "
                    + TrackingCredentials.TOKEN + " (a bearer token)";
        }
        return server + " rejected the credentials (HTTP 401 Unauthorized): " + c.describe() + "; check them";
    }
}
