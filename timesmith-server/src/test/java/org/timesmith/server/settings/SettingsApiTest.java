package org.timesmith.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** settings/ (system flags) and users/me/settings/ (each user's own settings object). */
class SettingsApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    @Test
    void systemSettingsAreTheBareFlagObject() {
        JsonNode settings = alice.get("/api/v1/settings/").json();
        assertThat(settings.get("DFIQ_ENABLED").asBoolean()).isFalse();
        assertThat(settings.get("LLM_FEATURES_AVAILABLE").get("default").asBoolean()).isFalse();
        assertThat(settings.has("SEARCH_PROCESSING_TIMELINES")).isTrue();
        assertThat(new TsClient(server.url()).get("/api/v1/settings/").status()).isEqualTo(401);
    }

    @Test
    void userSettingsMergeAndStayWithTheirUser() {
        JsonNode initial = alice.get("/api/v1/users/me/settings/").json().get("objects").get(0);
        assertThat(initial.get("defaultSearchMethod").asString()).isEqualTo("query_string");
        assertThat(initial.get("showProcessingTimelineEvents").asBoolean()).isFalse();
        alice.post("/api/v1/users/me/settings/", TsClient.map("settings", TsClient.map("theme", "dark")));
        TsClient.Response merged = alice.post("/api/v1/users/me/settings/",
                TsClient.map("settings", TsClient.map("aiPowered", true)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode mine = alice.get("/api/v1/users/me/settings/").json().get("objects").get(0);
        assertThat(mine.get("theme").asString()).isEqualTo("dark");
        assertThat(mine.get("aiPowered").asBoolean()).isTrue();
        JsonNode bobs = bob.get("/api/v1/users/me/settings/").json().get("objects").get(0);
        assertThat(bobs.has("theme")).as("another user does not see alice's settings").isFalse();
        assertThat(alice.post("/api/v1/users/me/settings/", TsClient.map("settings", "dark")).status()).isEqualTo(400);
        assertThat(new TsClient(server.url()).get("/api/v1/users/me/settings/").status()).isEqualTo(401);
    }
}
