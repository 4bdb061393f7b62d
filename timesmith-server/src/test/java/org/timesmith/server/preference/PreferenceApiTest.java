package org.timesmith.server.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class PreferenceApiTest {

    private static final String MINE = "/api/v1/users/me/preferences/";

    private static TestServer server;
    private static TsClient owner;
    private static TsClient reader;
    private static TsClient outsider;
    private static long sketchId;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        owner = newUser("pref-owner");
        reader = newUser("pref-reader");
        outsider = newUser("pref-outsider");
        sketchId = Fixtures.sketch(owner, "Preferences");
        TsClient.Response shared = owner.post("/api/v1/sketches/" + sketchId + "/collaborators/",
                TsClient.map("users", List.of("pref-reader"), "permissions", "[\"read\"]"));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
    }

    private static TsClient newUser(String name) {
        server.admin().addUser(name, TestServer.PASSWORD, false);
        return server.login(name);
    }

    private static String sketchPrefs(long id) {
        return "/api/v1/sketches/" + id + "/preferences/";
    }

    private static JsonNode object(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("objects").get(0);
    }

    @Test
    void userPreferencesDefaultAndRoundTripWithPartialUpdates() {
        TsClient fresh = newUser("pref-fresh");
        JsonNode defaults = object(fresh.get(MINE));
        assertThat(defaults.toString()).isEqualTo("{\"timezone\":\"UTC\",\"theme\":\"light\",\"search_history\":[],\"wildcard_search\":false}");
        object(fresh.put(MINE, TsClient.map("timezone", "Europe/Berlin", "search_history", List.of("a:1", "b"))));
        JsonNode afterTheme = object(fresh.put(MINE, TsClient.map("theme", "dark", "wildcard_search", true)));
        assertThat(afterTheme.toString()).isEqualTo("{\"timezone\":\"Europe/Berlin\",\"theme\":\"dark\","
                + "\"search_history\":[\"a:1\",\"b\"],\"wildcard_search\":true}");
        assertThat(object(fresh.get(MINE))).isEqualTo(afterTheme);
        assertThat(object(owner.get(MINE)).get("timezone").asString()).as("another user's").isEqualTo("UTC");
    }

    @Test
    void sketchColumnsRoundTripWithWidthsClamped() {
        JsonNode saved = object(owner.put(sketchPrefs(sketchId), TsClient.map("columns", List.of(
                TsClient.map("field", "message", "width", 512.4),
                TsClient.map("field", "datetime", "width", 3),
                TsClient.map("field", "user", "width", 1e9)))));
        assertThat(saved.toString()).isEqualTo("{\"columns\":[{\"field\":\"message\",\"width\":512},"
                + "{\"field\":\"datetime\",\"width\":60},{\"field\":\"user\",\"width\":4000}]}");
        JsonNode read = owner.get(sketchPrefs(sketchId)).json();
        assertThat(read.get("objects").get(0)).isEqualTo(saved);
        assertThat(read.get("meta").get("sketch_id").asLong()).isEqualTo(sketchId);
    }

    @Test
    void twoUsersOfOneSketchKeepTheirOwnColumns() {
        long sketch = Fixtures.sketch(owner, "Two analysts");
        owner.post("/api/v1/sketches/" + sketch + "/collaborators/",
                TsClient.map("users", List.of("pref-reader"), "permissions", "[\"read\"]"));
        assertThat(object(reader.get(sketchPrefs(sketch))).toString()).isEqualTo("{\"columns\":[]}");
        object(owner.put(sketchPrefs(sketch), TsClient.map("columns", List.of(TsClient.map("field", "a", "width", 100)))));
        object(reader.put(sketchPrefs(sketch), TsClient.map("columns", List.of(TsClient.map("field", "b", "width", 200)))));
        assertThat(object(owner.get(sketchPrefs(sketch))).get("columns").get(0).get("field").asString()).isEqualTo("a");
        assertThat(object(reader.get(sketchPrefs(sketch))).get("columns").get(0).get("field").asString()).isEqualTo("b");
        assertThat(object(owner.get(sketchPrefs(sketchId))).get("columns").toString()).doesNotContain("\"a\"");
    }

    @Test
    void usersWithoutAccessGetNothing() {
        object(owner.put(sketchPrefs(sketchId), TsClient.map("columns", List.of(TsClient.map("field", "secret", "width", 90)))));
        TsClient.Response read = outsider.get(sketchPrefs(sketchId));
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.body()).doesNotContain("secret");
        assertThat(outsider.put(sketchPrefs(sketchId), TsClient.map("columns", List.of())).status()).isEqualTo(403);
        assertThat(outsider.get(sketchPrefs(999_999)).status()).isEqualTo(404);
        assertThat(object(owner.get(sketchPrefs(sketchId))).toString()).contains("secret");
    }

    @Test
    void unauthenticatedCallsGet401() {
        TsClient anonymous = new TsClient(server.url());
        assertThat(anonymous.get(MINE).status()).isEqualTo(401);
        assertThat(anonymous.get(sketchPrefs(sketchId)).status()).isEqualTo(401);
        assertThat(anonymous.put(MINE, TsClient.map("theme", "dark")).status()).isIn(401, 403);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        TsClient user = newUser("pref-bad");
        assertBad(user.put(MINE, TsClient.map("timezone", "Mars/Olympus")), "timezone: unknown time zone 'Mars/Olympus'");
        assertBad(user.put(MINE, TsClient.map("timezone", 2)), "timezone: must be a string");
        assertBad(user.put(MINE, TsClient.map("theme", "pink")), "theme: must be light or dark");
        assertBad(user.put(MINE, TsClient.map("font", "big")), "font: unknown preference");
        assertBad(user.put(MINE, TsClient.map("wildcard_search", "yes")), "wildcard_search: must be true or false");
        assertBad(user.put(MINE, TsClient.map("wildcard_search", 1)), "wildcard_search: must be true or false");
        assertBad(user.put(MINE, TsClient.map("search_history", "x")), "search_history: must be a list");
        assertBad(user.put(MINE, TsClient.map("search_history", Collections.nCopies(51, "q"))),
                "search_history: at most 50 entries");
        assertBad(user.put(MINE, TsClient.map("search_history", List.of("ok", "x".repeat(1025)))),
                "search_history[1]: longer than 1024");
        assertBad(user.put(MINE, TsClient.map("search_history", List.of(1))), "search_history[0]: must be a string");
        assertBad(user.putJson(MINE, "[]"), "must be a JSON object");
        assertBad(user.putJson(MINE, "{\"theme\": "), "not valid JSON");
        assertBad(user.putJson(MINE, "{\"search_history\": [\"" + "x".repeat(300_000) + "\"]}"), "larger than");
        String columns = sketchPrefs(sketchId);
        assertBad(owner.put(columns, TsClient.map("columns", "message")), "columns: must be a list");
        assertBad(owner.put(columns, TsClient.map("columns", List.of("message"))), "columns[0]: must be an object");
        assertBad(owner.put(columns, TsClient.map("columns", List.of(TsClient.map("field", "m")))),
                "columns[0].width: must be a number");
        assertBad(owner.put(columns, TsClient.map("columns", List.of(TsClient.map("field", "m", "width", "wide")))),
                "columns[0].width: must be a number");
        assertBad(owner.put(columns, TsClient.map("columns", List.of(TsClient.map("field", "", "width", 9)))),
                "columns[0].field: must have 1 to 256");
        assertBad(owner.put(columns, TsClient.map("columns", List.of(TsClient.map("field", "m", "width", 9, "x", 1)))),
                "columns[0].x: unknown preference");
        assertBad(owner.put(columns, TsClient.map("columns", Collections.nCopies(101, TsClient.map("field", "m",
                "width", 9)))), "columns: at most 100");
        assertBad(owner.put(columns, TsClient.map("timezone", "UTC")), "timezone: unknown preference");
        assertThat(object(user.get(MINE)).toString()).as("nothing stored")
                .isEqualTo("{\"timezone\":\"UTC\",\"theme\":\"light\",\"search_history\":[],\"wildcard_search\":false}");
    }

    private static void assertBad(TsClient.Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains(message);
    }
}
