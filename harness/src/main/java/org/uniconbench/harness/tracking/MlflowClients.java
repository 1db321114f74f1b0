package org.uniconbench.harness.tracking;

import org.mlflow.tracking.MlflowClient;
import org.mlflow_project.apachehttp.conn.ssl.NoopHostnameVerifier;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;

import java.lang.reflect.Field;

/**
 * Builds the MLflow Java client for a {@link TrackingTarget}: its credentials as the client's host
 * credentials (basic auth or bearer token), and the same TLS trust as the artifact uploads: the CA
 * bundle of {@code MLFLOW_TRACKING_SERVER_CERT_PATH}, which the client has no option for, and
 * {@code MLFLOW_TRACKING_INSECURE_TLS}, which the client reads as "trust self-signed certificates"
 * only (a certificate from an unknown CA would still fail there).
 */
final class MlflowClients {

    private MlflowClients() {
    }

    /** A client for the target; the caller closes it. */
    static MlflowClient create(TrackingTarget target) {
        MlflowClient client = new MlflowClient(target.credentials().hostCreds(target.uri()));
        if (target.credentials().hasCaBundle() || target.credentials().insecureTls()) {
            setTls(client, target);
        }
        return client;
    }

    /**
     * The client (mlflow-client 2.17.2, pinned in harness/pom.xml) makes its HTTP client on first use
     * from the JVM's default trust, with no option for a CA bundle; it keeps that HTTP client in
     * {@code MlflowHttpCaller.httpClient} and only makes one while that field is null. Setting the
     * field to an HTTP client with our TLS context is the narrowest way in: no global trust
     * store change, and the client's own request code (credentials, retries) stays as it is.
     * {@code MlflowCredentialsTest} proves it against a real HTTPS server; if a new client version
     * renames the fields this fails with a message instead of silently trusting the default CAs.
     */
    private static void setTls(MlflowClient client, TrackingTarget target) {
        try {
            Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
            callerField.setAccessible(true);
            Object caller = callerField.get(client);
            Field httpField = caller.getClass().getDeclaredField("httpClient");
            httpField.setAccessible(true);
            HttpClientBuilder builder = HttpClientBuilder.create().setSSLContext(target.credentials().sslContext());
            if (target.credentials().insecureTls()) {
                builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            httpField.set(caller, builder.build());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new TrackingException("cannot give the MLflow Java client the TLS settings of "
                    + TrackingCredentials.CERT_PATH + " or " + TrackingCredentials.INSECURE_TLS + " (" + e + "); this "
                    + "mlflow-client version is not the one MlflowClients was written for. Unset them and add the CA "
                    + "to the JVM's trust store (-Djavax.net.ssl.trustStore) instead", e);
        }
    }
}
