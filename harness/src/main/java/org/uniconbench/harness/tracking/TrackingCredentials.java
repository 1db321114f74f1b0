package org.uniconbench.harness.tracking;

import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.uniconbench.harness.BadInputException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to authenticate to a tracking server and trust its TLS certificate, read from MLflow's own
 * environment variables: the one place that reads them, for the MLflow client and for the
 * artifact uploads alike.
 *
 * <p>As in MLflow's Python client: a username and password send HTTP basic auth, else a token is
 * sent as a bearer token; {@code MLFLOW_TRACKING_INSECURE_TLS=true} skips certificate and host name
 * verification; {@code MLFLOW_TRACKING_SERVER_CERT_PATH} names a CA bundle (PEM) that replaces the
 * JVM's trusted certificates for the tracking server (the two TLS variables exclude each other).
 *
 * <p>Secrets stay in this object: {@link #toString()} and {@link #describe()} name the user and the
 * kind of credentials, never the password or the token.
 */
public final class TrackingCredentials {

    /** Basic auth user name. */
    public static final String USERNAME = "MLFLOW_TRACKING_USERNAME";
    /** Basic auth password. */
    public static final String PASSWORD = "MLFLOW_TRACKING_PASSWORD";
    /** Bearer token (used when no user name and password are set). */
    public static final String TOKEN = "MLFLOW_TRACKING_TOKEN";
    /** {@code true} skips TLS certificate and host name verification. */
    public static final String INSECURE_TLS = "MLFLOW_TRACKING_INSECURE_TLS";
    /** A CA bundle (PEM) to verify the server's certificate with. */
    public static final String CERT_PATH = "MLFLOW_TRACKING_SERVER_CERT_PATH";

    private static final TrackingCredentials NONE = new TrackingCredentials(null, null, null, false, null, List.of());

    private final String username;
    private final String password;
    private final String token;
    private final boolean insecureTls;
    private final Path certPath;
    private final List<X509Certificate> trusted;

    private TrackingCredentials(String username, String password, String token, boolean insecureTls, Path certPath,
            List<X509Certificate> trusted) {
        this.username = username;
        this.password = password;
        this.token = token;
        this.insecureTls = insecureTls;
        this.certPath = certPath;
        this.trusted = trusted;
    }

    /** No credentials, the JVM's default TLS trust. */
    public static TrackingCredentials none() {
        return NONE;
    }

    /**
     * Reads MLflow's variables from an environment.
     *
     * @param environment the process environment (or a test's map)
     * @return the credentials, {@link #none()} when no variable is set
     * @throws BadInputException when a variable is malformed: a user name without password (or the
     *     reverse), a boolean that is not one, a CA bundle that is not a readable PEM file, or both
     *     TLS variables at once
     */
    public static TrackingCredentials fromEnvironment(Map<String, String> environment) {
        String username = value(environment, USERNAME);
        String password = value(environment, PASSWORD);
        String token = value(environment, TOKEN);
        if ((username == null) != (password == null)) {
            throw new BadInputException((username == null ? PASSWORD + " is set but " + USERNAME + " is not"
                    : USERNAME + " is set but " + PASSWORD + " is not") + ": set both for basic auth (or neither, and "
                    + TOKEN + " for a bearer token)");
        }
        boolean insecure = bool(environment, INSECURE_TLS);
        String cert = value(environment, CERT_PATH);
        if (insecure && cert != null) {
            throw new BadInputException(INSECURE_TLS + "=true skips certificate verification, and " + CERT_PATH
                    + " asks for it with a CA bundle: set only one of them (as MLflow's own client requires)");
        }
        if (username == null && token == null && !insecure && cert == null) {
            return NONE;
        }
        Path certPath = cert == null ? null : Path.of(cert);
        List<X509Certificate> trusted = certPath == null ? List.of() : readBundle(certPath);
        return new TrackingCredentials(username, password, token, insecure, certPath, trusted);
    }

    /** Whether requests carry an {@code Authorization} header. */
    public boolean sendsCredentials() {
        return authorization() != null;
    }

    /** The user name of basic auth, or null. Not a secret: messages may name it. */
    public String username() {
        return username;
    }

    /**
     * What is sent, without the secret: {@code basic auth as user 'NAME'}, {@code a bearer token
     * (MLFLOW_TRACKING_TOKEN)} or {@code no credentials}.
     */
    public String describe() {
        if (username != null) {
            return "basic auth as user '" + username + "' (" + USERNAME + ", " + PASSWORD + ")";
        }
        return token != null ? "a bearer token (" + TOKEN + ")" : "no credentials";
    }

    @Override
    public String toString() {
        return describe() + (insecureTls ? ", TLS unverified" : certPath != null ? ", CA bundle " + certPath : "");
    }

    /** The {@code Authorization} header's value, or null when nothing is sent. */
    String authorization() {
        if (username != null) {
            return "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return token == null ? null : "Bearer " + token;
    }

    /** The same credentials in the form the MLflow Java client takes (it sends basic auth or a bearer token likewise). */
    MlflowHostCredsProvider hostCreds(String uri) {
        return new BasicMlflowHostCreds(uri, username, password, token, insecureTls);
    }

    /** Whether TLS certificates and host names go unchecked. */
    boolean insecureTls() {
        return insecureTls;
    }

    /** Whether a CA bundle replaces the JVM's trusted certificates. */
    boolean hasCaBundle() {
        return certPath != null;
    }

    /**
     * The TLS context to talk to the server with: the JVM's default, one that trusts only the CA
     * bundle, or one that verifies nothing ({@code MLFLOW_TRACKING_INSECURE_TLS=true}: a trust
     * manager that accepts any chain also skips the host name check, which JSSE does inside it).
     */
    SSLContext sslContext() {
        try {
            if (insecureTls) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, null);
                return context;
            }
            if (certPath == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the tracking server: " + e, e);
        }
    }

    private static List<X509Certificate> readBundle(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(CERT_PATH + "=" + file + " is not a readable file: point it at the CA bundle "
                    + "(PEM) that signed the tracking server's certificate");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certificates) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CertificateException("no certificate in the file");
            }
            return List.copyOf(out);
        } catch (IOException | CertificateException e) {
            throw new BadInputException(
                    CERT_PATH + "=" + file + " holds no readable X.509 certificate (" + e.getMessage()
                            + "): it must be a CA bundle in PEM form (-----BEGIN CERTIFICATE-----)");
        }
    }

    private static String value(Map<String, String> environment, String name) {
        String v = environment.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** MLflow's boolean variables: true/false or 1/0, any case. */
    private static boolean bool(Map<String, String> environment, String name) {
        String v = value(environment, name);
        if (v == null) {
            return false;
        }
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" :
            case "1" :
                return true;
            case "false" :
            case "0" :
                return false;
            default :
                throw new BadInputException(name + "='" + v + "' is not a boolean: use true or false");
        }
    }

    /** Accepts any certificate chain and host: only for {@code MLFLOW_TRACKING_INSECURE_TLS=true}. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
