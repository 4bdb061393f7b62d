package org.timesmith.client;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@code auth_mode = oauth} signs in: the OpenID Connect issuer (its discovery document names
 * the endpoints), the client id registered there for this tool (a public client; a secret only
 * if the issuer demands one, as Google's "desktop app" clients do), what shows the user the
 * authorization page, and how long to wait for the user to finish there.
 *
 * @param issuer       the issuer URL, e.g. {@code https://accounts.google.com}
 * @param clientId     the client id at the issuer
 * @param clientSecret the client secret, if the issuer requires one
 * @param browser      opens the authorization URL for the user
 * @param timeout      how long the loopback listener waits for the issuer's redirect
 */
public record OidcSettings(String issuer, String clientId, Optional<String> clientSecret, Consumer<URI> browser,
                           Duration timeout) {

    /** Google's issuer, what Timesketch's client signs in with when nothing else is configured. */
    public static final String GOOGLE = "https://accounts.google.com";

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Settings that open the system browser (or print the URL) and wait up to five minutes. */
    public static OidcSettings of(String issuer, String clientId, Optional<String> clientSecret) {
        return new OidcSettings(issuer, clientId, clientSecret, OidcSettings::openBrowserOrPrint, Duration.ofMinutes(5));
    }

    public OidcSettings withBrowser(Consumer<URI> newBrowser) {
        return new OidcSettings(issuer, clientId, clientSecret, newBrowser, timeout);
    }

    /** Opens the page in the desktop's browser; without one prints it for the user to open. */
    public static void openBrowserOrPrint(URI page) {
        System.err.println("Sign in at: " + page);
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // The printed URL above is the way in, then.
        }
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
