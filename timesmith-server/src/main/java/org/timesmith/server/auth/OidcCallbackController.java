package org.timesmith.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;

/**
 * {@code GET /login/api_callback/?id_token=…}: how an API client that signed in at the OpenID
 * Connect issuer gets a session (Timesketch's client does the same after its OAuth flow). The ID
 * token must be signed by a key of the issuer's JWKS, come from the configured issuer, be
 * unexpired and name an allowed audience; the user is the one named by the configured claim
 * (created on first sign-in if so configured). Answers {@code <h1>Authenticated</h1>} as Timesketch
 * does; without {@code timesmith.oidc.issuer-uri} it is a 404 JSON saying sign-in is not configured.
 */
@RestController
public class OidcCallbackController {

    private final OidcProperties properties;
    private final UserService users;
    private final SessionLogin sessionLogin;
    /** Built on first use: discovery needs the issuer to be up, which the server's start must not. */
    private volatile JwtDecoder decoder;

    public OidcCallbackController(OidcProperties properties, UserService users, SessionLogin sessionLogin) {
        this.properties = properties;
        this.users = users;
        this.sessionLogin = sessionLogin;
    }

    @GetMapping("/login/api_callback")
    ResponseEntity<String> callback(@RequestParam(name = "id_token", required = false) String idToken,
                                    HttpServletRequest request, HttpServletResponse response) {
        String issuer = properties.issuer().orElseThrow(() -> ApiException.notFound(
                "OpenID Connect sign-in is not configured on this server (timesmith.oidc.issuer-uri);"
                        + " use auth_mode = userpass."));
        if (idToken == null || idToken.isBlank()) {
            throw ApiException.badRequest("The id_token parameter is missing.");
        }
        Jwt token;
        try {
            token = decoder(issuer).decode(idToken);
        } catch (JwtException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "The ID token was not accepted: " + e.getMessage());
        }
        String username = Optional.ofNullable(token.getClaimAsString(properties.usernameClaim()))
                .filter(name -> !name.isBlank())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "The ID token has no "
                        + properties.usernameClaim() + " claim to name the user."));
        User user = users.external(username, properties.createUsers()).orElseThrow(() -> ApiException.forbidden(
                "No active Timesmith user " + username + "; an administrator must add it"
                        + " (or set timesmith.oidc.create-users)."));
        sessionLogin.start(user, request, response);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("<h1>Authenticated</h1>");
    }

    private JwtDecoder decoder(String issuer) {
        JwtDecoder current = decoder;
        if (current == null) {
            synchronized (this) {
                if (decoder == null) {
                    NimbusJwtDecoder built = NimbusJwtDecoder.withIssuerLocation(issuer).build();
                    built.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                            JwtValidators.createDefaultWithIssuer(issuer), audienceValidator()));
                    decoder = built;
                }
                current = decoder;
            }
        }
        return current;
    }

    private OAuth2TokenValidator<Jwt> audienceValidator() {
        List<String> allowed = properties.allowedAudiences();
        return jwt -> {
            List<String> audience = jwt.getAudience() == null ? List.of() : jwt.getAudience();
            return audience.stream().anyMatch(allowed::contains) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token's audience " + audience + " is none of " + allowed, null));
        };
    }
}
