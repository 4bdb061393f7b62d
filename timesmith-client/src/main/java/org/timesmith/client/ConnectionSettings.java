package org.timesmith.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and log in to a server: the host URI as typed by the user, the credentials, the
 * authentication mode ({@code userpass}, {@code http-basic} or {@code oauth}, the last with its
 * {@link OidcSettings}), whether TLS certificates are verified, and the retry policy for
 * 500/502/503/504 answers and refused connections (Timesketch's client retries four times with a
 * 0.5 s doubling backoff).
 */
public record ConnectionSettings(String hostUri, String username, String password, String authMode, boolean verify,
                                 int retryCount, Duration backoff, Duration requestTimeout, Optional<OidcSettings> oidc) {

    public static final int DEFAULT_RETRY_COUNT = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    public ConnectionSettings {
        Objects.requireNonNull(hostUri, "hostUri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        authMode = authMode == null || authMode.isBlank() || authMode.equals("timesketch") ? "userpass" : authMode;
        if (retryCount < 0) {
            throw new IllegalArgumentException("retryCount must not be negative");
        }
        Objects.requireNonNull(oidc, "oidc");
    }

    /** Settings without OpenID Connect. */
    public ConnectionSettings(String hostUri, String username, String password, String authMode, boolean verify,
                              int retryCount, Duration backoff, Duration requestTimeout) {
        this(hostUri, username, password, authMode, verify, retryCount, backoff, requestTimeout, Optional.empty());
    }

    /** {@code oauth} sign-in through an OpenID Connect issuer, with certificate checks and the default retry policy. */
    public static ConnectionSettings oauth(String hostUri, String username, OidcSettings oidc) {
        return new ConnectionSettings(hostUri, username, "", "oauth", true, DEFAULT_RETRY_COUNT, DEFAULT_BACKOFF,
                Duration.ofMinutes(10), Optional.of(oidc));
    }

    /** {@code userpass} login with certificate checks and the default retry policy. */
    public static ConnectionSettings userpass(String hostUri, String username, String password) {
        return new ConnectionSettings(hostUri, username, password, "userpass", true, DEFAULT_RETRY_COUNT,
                DEFAULT_BACKOFF, Duration.ofMinutes(10));
    }

    public ConnectionSettings withVerify(boolean newVerify) {
        return new ConnectionSettings(hostUri, username, password, authMode, newVerify, retryCount, backoff, requestTimeout, oidc);
    }

    public ConnectionSettings withRetries(int newRetryCount, Duration newBackoff) {
        return new ConnectionSettings(hostUri, username, password, authMode, verify, newRetryCount, newBackoff,
                requestTimeout, oidc);
    }

    public ConnectionSettings withAuthMode(String newAuthMode) {
        return new ConnectionSettings(hostUri, username, password, newAuthMode, verify, retryCount, backoff, requestTimeout, oidc);
    }

    public ConnectionSettings withOidc(OidcSettings newOidc) {
        return new ConnectionSettings(hostUri, username, password, authMode, verify, retryCount, backoff, requestTimeout,
                Optional.of(newOidc));
    }

    @Override
    public String toString() {
        return "ConnectionSettings[hostUri=" + hostUri + ", username=" + username + ", authMode=" + authMode
                + ", verify=" + verify + "]";
    }
}
