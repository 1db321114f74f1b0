package org.uniconbench.harness.tracking;

import org.uniconbench.harness.BadInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tracking server to mirror runs to: its {@code http(s)://HOST[:PORT][/PATH]} and the
 * credentials from MLflow's environment variables, both checked when a command starts, before any
 * run folder exists.
 *
 * <p>Only MLflow tracking servers are supported ({@code mlflow server}, with artifact serving):
 * MLflow's other tracking URIs ({@code file:} and plain folders, database stores, {@code databricks})
 * are stores that only MLflow's Python client writes, and are refused with a message that says so.
 *
 * @param uri the server, without a trailing slash
 * @param credentials what to authenticate and verify TLS with
 */
public record TrackingTarget(String uri, TrackingCredentials credentials) {

    /** The environment variable MLflow's own clients read. */
    public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";

    /** {@code host:port} without a scheme, as in {@code localhost:5000}. */
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:\\d+(/.*)?");

    /**
     * Checks the URI.
     *
     * @throws BadInputException when it is not an http(s) server address
     */
    public TrackingTarget {
        uri = normalize(uri);
        credentials = credentials == null ? TrackingCredentials.none() : credentials;
    }

    /**
     * The tracking server a command should use: the option when given, else
     * {@code MLFLOW_TRACKING_URI}; with the credentials of the same environment.
     *
     * @param option {@code --mlflow}, or null
     * @param environment the process environment (or a test's map)
     * @return the target, or null when neither names a server
     * @throws BadInputException for a URI that is not a tracking server or malformed credentials,
     *     naming where the URI came from
     */
    public static TrackingTarget resolve(String option, Map<String, String> environment) {
        boolean fromOption = option != null && !option.isBlank();
        String uri = fromOption ? option : environment.get(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            return new TrackingTarget(uri, TrackingCredentials.fromEnvironment(environment));
        } catch (BadInputException e) {
            if (e.getMessage().startsWith("MLflow tracking URI")) {
                throw new BadInputException((fromOption ? "--mlflow: " : URI_VARIABLE + ": ") + e.getMessage());
            }
            throw e;
        }
    }

    /** A server without credentials. */
    public static TrackingTarget of(String uri) {
        return new TrackingTarget(uri, TrackingCredentials.none());
    }

    /** {@code http(s)://host[:port][/path]} without a trailing slash, or a message saying what is supported. */
    static String normalize(String trackingUri) {
        String s = trackingUri == null ? "" : trackingUri.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String supported = "give the address of an MLflow tracking server, http(s)://HOST:PORT (start one with "
                + "`mlflow server` or scripts/mlflow-server)";
        String lower = s.toLowerCase(Locale.ROOT);
        int authority = s.indexOf("://");
        if (authority >= 0 && s.substring(authority + 3).split("[/?#]", 2)[0].contains("@")) {
            // checked first, and the URI left out of the message: it may hold a password
            throw new BadInputException("MLflow tracking URI has a user name or password in it, which would be "
                    + "printed and recorded: drop it from the URI and set " + TrackingCredentials.USERNAME + " and "
                    + TrackingCredentials.PASSWORD + " (or " + TrackingCredentials.TOKEN + ") instead");
        }
        if (HOST_PORT.matcher(s).matches()) {
            throw bad(trackingUri, "has no scheme: write http://" + s + " (or https://" + s + " for TLS)");
        }
        if (lower.startsWith("file:") || s.startsWith("/") || s.startsWith(".") || s.startsWith("~")) {
            throw bad(trackingUri, "is a local folder store, which only MLflow's Python client writes; unicon mirrors "
                    + "runs to a tracking server (the run folder is already the local record): " + supported
                    + ", e.g. `mlflow server --backend-store-uri " + s + "`");
        }
        if (lower.equals("databricks") || lower.startsWith("databricks:") || lower.startsWith("databricks-uc")) {
            throw bad(trackingUri, "is a Databricks workspace, which unicon does not support (its artifact store is "
                    + "not MLflow's artifact API): " + supported);
        }
        URI parsed;
        try {
            parsed = new URI(s);
        } catch (URISyntaxException e) {
            throw bad(trackingUri, "is malformed (" + e.getReason() + "): " + supported);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(trackingUri, (scheme.isEmpty() ? "is not an address" : "uses '" + scheme + ":', a store that "
                    + "only MLflow's Python client writes") + ": " + supported);
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw bad(trackingUri, "has no host (or one with characters a host cannot have): " + supported);
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw bad(trackingUri, "has a query or fragment, which a tracking server address does not: " + supported);
        }
        return s;
    }

    private static BadInputException bad(String uri, String problem) {
        return new BadInputException("MLflow tracking URI '" + uri + "' " + problem);
    }
}
