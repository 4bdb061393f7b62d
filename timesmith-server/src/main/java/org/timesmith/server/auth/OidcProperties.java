package org.timesmith.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenID Connect sign-in for API clients under {@code timesmith.oidc.*} (what Timesketch's
 * {@code GOOGLE_OIDC_*} settings do): a client that ran the authorization-code flow at the issuer
 * sends the ID token to {@code /login/api_callback/} and gets a session.
 *
 * @param issuerUri      the issuer; its discovery document names the JWKS that signs ID tokens.
 *                       Unset: OpenID Connect sign-in is off
 * @param clientId       the client id the API clients use at the issuer; always an allowed audience
 * @param audiences      further allowed audiences ({@code aud}) of an ID token
 * @param usernameClaim  the claim naming the Timesmith user (default {@code email}, as Timesketch)
 * @param createUsers    create a user on first sign-in (default false: only existing users)
 */
@ConfigurationProperties("timesmith.oidc")
public record OidcProperties(String issuerUri, String clientId, List<String> audiences, String usernameClaim,
                             boolean createUsers) {

    public OidcProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "email" : usernameClaim;
    }

    /** The issuer, when sign-in is configured. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuerUri).filter(uri -> !uri.isBlank());
    }

    /** The client id and the further audiences. */
    public List<String> allowedAudiences() {
        return clientId == null || clientId.isBlank() ? audiences
                : Stream.concat(Stream.of(clientId), audiences.stream()).toList();
    }
}
