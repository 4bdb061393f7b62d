package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login, session and transport behaviour against the real server. */
class ConnectionTest {

    private final LiveServer server = LiveServer.get();

    @Test
    void logsInWithTheCsrfFlowAndKnowsTheCurrentUser() {
        TimesketchClient client = server.login("alice");
        User me = client.currentUser();
        assertThat(me.username()).isEqualTo("alice");
        assertThat(me.admin()).isFalse();
        assertThat(client.version()).isNotBlank();
    }

    @Test
    void trailingSlashInHostUriWorks() {
        TimesketchClient client = TimesketchClient.connect(ConnectionSettings.userpass(server.url() + "/", "bob",
                LiveServer.PASSWORD));
        assertThat(client.currentUser().username()).isEqualTo("bob");
    }

    @Test
    void wrongPasswordIsAClearError() {
        assertThatThrownBy(() -> TimesketchClient.connect(ConnectionSettings.userpass(server.url(), "alice", "nope")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("invalid username or password for user alice");
    }

    @Test
    void unreachableServerIsAClearErrorAfterRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionSettings settings = ConnectionSettings.userpass("http://127.0.0.1:" + port, "alice", "x")
                .withRetries(2, Duration.ofMillis(10));
        assertThatThrownBy(() -> TimesketchClient.connect(settings))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Cannot reach the server at http://127.0.0.1:" + port)
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void expiredSessionLogsInAgainOnce() throws Exception {
        TimesketchClient client = server.login("alice");
        Sketch sketch = client.createSketch("expiry", "");
        // End the session on the server by logging out with the client's own cookie jar.
        HttpClient http = clientHttp(client);
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/logout")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isLessThan(500);
        assertThat(client.getSketch(sketch.id()).name()).isEqualTo("expiry");
    }

    @Test
    void unknownSketchIsNotFound() {
        TimesketchClient client = server.login("alice");
        assertThatThrownBy(() -> client.getSketch(987_654))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Sketch 987654 not found on " + server.url() + ".");
    }

    @Test
    void otherUsersSketchIsRefusedWithTheServersReason() {
        Sketch aliceOnly = server.login("alice").createSketch("private", "");
        TimesketchClient bob = server.login("bob");
        assertThatThrownBy(() -> bob.getSketch(aliceOnly.id()).description())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isIn(403, 404));
    }

    @Test
    void oauthSignsInAtTheIssuerAndSendsTheIdTokenToTheServer() {
        ConnectionSettings oauth = ConnectionSettings.oauth(server.url(), "alice", OidcSettings.of(
                TestIssuer.get().issuer(), TestIssuer.CLIENT_ID, Optional.empty())
                .withBrowser(TestIssuer.get().browserSignedInAs("alice")));
        TimesketchClient client = TimesketchClient.connect(oauth);
        assertThat(client.currentUser().username()).isEqualTo("alice");
        // The session works for writes too: the CSRF token came with it.
        Sketch sketch = client.createSketch("signed in through OpenID Connect", "");
        assertThat(client.getSketch(sketch.id()).name()).isEqualTo("signed in through OpenID Connect");
    }

    @Test
    void oauthForAUserTheServerDoesNotKnowIsAClearError() {
        ConnectionSettings oauth = ConnectionSettings.oauth(server.url(), "mallory", OidcSettings.of(
                TestIssuer.get().issuer(), TestIssuer.CLIENT_ID, Optional.empty())
                .withBrowser(TestIssuer.get().browserSignedInAs("mallory")));
        assertThatThrownBy(() -> TimesketchClient.connect(oauth))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("did not accept the ID token")
                .hasMessageContaining("No active Timesmith user mallory");
    }

    @Test
    void aForgedIdTokenIsRejectedByTheServer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + TestIssuer.get().issuer() + "\",\"sub\":\"alice\",\"aud\":\"timesmith-cli\"}")
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/login/api_callback/?id_token=" + header + "." + claims + ".c2lnbmF0dXJl")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("The ID token was not accepted");
    }

    @Test
    void oauthWithoutAClientIdIsAClearError() {
        ConnectionSettings oauth = server.settings("alice").withAuthMode("oauth");
        assertThatThrownBy(() -> TimesketchClient.connect(oauth))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("auth_mode = oauth needs client_id");
    }

    @Test
    void verifyFalseStillConnectsOverPlainHttp() {
        TimesketchClient client = TimesketchClient.connect(server.settings("alice").withVerify(false));
        assertThat(client.currentUser().username()).isEqualTo("alice");
    }

    private static HttpClient clientHttp(TimesketchClient client) throws ReflectiveOperationException {
        var field = ApiSession.class.getDeclaredField("http");
        field.setAccessible(true);
        return (HttpClient) field.get(client.session());
    }
}
