package org.timesmith.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class AuthApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    @Test
    void loginPageCarriesTheCsrfTokenInBothForms() {
        TsClient.Response page = new TsClient(server.url()).get("/login/?local_auth=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"csrf_token\"").contains("<meta name=\"csrf-token\" content=\"");
        String token = page.body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
        assertThat(token).isNotBlank().doesNotContain("<");
        assertThat(page.body()).contains("<input id=\"csrf_token\" name=\"csrf_token\" type=\"hidden\" value=\""
                + token + "\">");
        assertThat(page.body()).contains("<form method=\"post\" action=\"/login/?local_auth=1\">")
                .contains("name=\"username\"").contains("name=\"password\" type=\"password\"");
        // Self-contained: inline style for light and dark, nothing fetched from elsewhere.
        assertThat(page.body()).contains("<style>").contains("prefers-color-scheme: dark")
                .doesNotContain("<link").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("{{");
    }

    @Test
    void goodLoginRedirectsAwayFromLoginAndTheRootAnswers200() {
        TsClient client = new TsClient(server.url());
        TsClient.Response response = client.login("alice", TestServer.PASSWORD);
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/");
        assertThat(client.get("/").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() {
        TsClient client = new TsClient(server.url());
        TsClient.Response response = client.login("alice", "wrong-password");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<p class=\"error\" role=\"alert\">Invalid username or password.</p>");
        assertThat(client.get("/api/v1/users/me/").status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedLoginsAreThrottledEvenWithTheRightPassword() {
        server.admin().addUser("victim", TestServer.PASSWORD, false);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(new TsClient(server.url()).login("victim", "guess-" + i).status()).isEqualTo(200);
        }
        TsClient.Response blocked = new TsClient(server.url()).login("victim", TestServer.PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed logins");
    }

    @Test
    void theOidcCallbackWithoutOidcConfiguredIsAClear404() {
        TsClient.Response response = new TsClient(server.url()).get("/login/api_callback/?id_token=x.y.z");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("message").asString()).contains("OpenID Connect sign-in is not configured");
    }

    @Test
    void usersSignedInByTheIdentityProviderAreCreatedOnlyWhenConfiguredAndMustBeActive() {
        UserService users = server.bean(UserService.class);
        assertThat(users.external("oidc-newcomer", false)).isEmpty();
        assertThat(users.external("oidc-newcomer", true)).hasValueSatisfying(u -> {
            assertThat(u.username()).isEqualTo("oidc-newcomer");
            assertThat(u.admin()).isFalse();
        });
        assertThat(users.external("oidc-newcomer", false)).isPresent();
        // Nobody knows the generated password, so the account cannot log in with one.
        assertThat(users.authenticate("oidc-newcomer", "")).isEmpty();
    }

    @Test
    void unauthenticatedApiCallsGet401Json() {
        TsClient.Response response = new TsClient(server.url()).get("/api/v1/sketches/");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    @Test
    void postWithoutCsrfTokenIsRefusedWithJson() {
        TsClient client = server.login("alice");
        TsClient.Response response = new TsClient(server.url()).post("/api/v1/sketches/", TsClient.map("name", "x"));
        assertThat(response.status()).isIn(401, 403);
        assertThat(client.post("/api/v1/sketches/", TsClient.map("name", "x")).status()).isEqualTo(201);
    }

    @Test
    void usersMeHasTheUserFields() {
        JsonNode me = server.login("alice").get("/api/v1/users/me/").json();
        JsonNode user = me.get("objects").get(0);
        assertThat(user.get("username").asString()).isEqualTo("alice");
        assertThat(user.get("admin").asBoolean()).isFalse();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("groups").isArray()).isTrue();
    }

    @Test
    void usersListIsNestedAndSingleUserWorksWithoutTrailingSlash() {
        TsClient client = server.login("alice");
        JsonNode list = client.get("/api/v1/users/").json();
        assertThat(list.get("objects").get(0).isArray()).isTrue();
        long id = list.get("objects").get(0).get(0).get("id").asLong();
        TsClient.Response one = client.get("/api/v1/users/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("objects").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(client.get("//api/v1/users/" + id + "/").status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsCreateUsers() {
        assertThat(server.login("alice").post("/api/v1/users/",
                TsClient.map("username", "mallory", "password", "long-enough-pw")).status()).isEqualTo(403);
        TsClient.Response created = server.login("admin").post("/api/v1/users/",
                TsClient.map("username", "carol", "password", "long-enough-pw"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("objects").get(0).get("id").asLong()).isPositive();
        assertThat(TsClient.loggedIn(server.url(), "carol", "long-enough-pw").get("/api/v1/users/me/").status())
                .isEqualTo(200);
    }

    @Test
    void passwordChangeTakesEffect() {
        server.admin().addUser("dave", TestServer.PASSWORD, false);
        TsClient dave = server.login("dave");
        assertThat(dave.post("/api/v1/users/me/", TsClient.map("password", "a-new-password")).body()).isEqualTo("200");
        assertThat(new TsClient(server.url()).login("dave", TestServer.PASSWORD).status()).isEqualTo(200);
        assertThat(new TsClient(server.url()).login("dave", "a-new-password").status()).isEqualTo(302);
    }

    @Test
    void disabledUsersCannotUseTheirSession() {
        server.admin().addUser("erin", TestServer.PASSWORD, false);
        TsClient erin = server.login("erin");
        server.admin().setActive("erin", false);
        assertThat(erin.get("/api/v1/users/me/").status()).isEqualTo(401);
        assertThat(new TsClient(server.url()).login("erin", TestServer.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void versionAndGroups() {
        server.admin().addGroup("analysts", "");
        server.admin().groupMember("analysts", "alice", true);
        TsClient client = server.login("alice");
        JsonNode version = client.get("/api/v1/version/").json();
        assertThat(version.get("meta").get("version").asString()).isNotBlank();
        JsonNode groups = client.get("/api/v1/groups/").json();
        assertThat(groups.get("objects").get(0).get(0).get("name").asString()).isEqualTo("analysts");
        assertThat(client.get("/api/v1/users/me/").json().get("objects").get(0).get("groups").get(0).get("name")
                .asString()).isEqualTo("analysts");
    }

    @Test
    void logoutEndsTheSession() {
        TsClient client = server.login("alice");
        assertThat(client.get("/logout/").status()).isEqualTo(302);
        assertThat(client.get("/api/v1/users/me/").status()).isEqualTo(401);
    }

    @Test
    void unknownApiRouteIsJson404() {
        TsClient.Response response = server.login("alice").get("/api/v1/nothing-here/");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }
}
