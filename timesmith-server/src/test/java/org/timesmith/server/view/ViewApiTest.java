package org.timesmith.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class ViewApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Views");
        Fixtures.timeline(server, alice, sketchId, "views", Fixtures.events(30));
    }

    private static String views() {
        return "/api/v1/sketches/" + sketchId + "/views/";
    }

    private static Map<String, Object> search(String name, String query) {
        return TsClient.map("name", name, "description", "From Explore", "query", query,
                "filter", TsClient.map("from", 20, "size", 10, "indices", "_all", "order", "desc",
                        "chips", List.of(TsClient.map("field", "user", "type", "term", "operator", "must",
                                "active", true, "value", "root"))),
                "dsl", "", "labels", "[\"triage\"]");
    }

    private static long create(String name, String query) {
        TsClient.Response created = alice.post(views(), search(name, query));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("objects").get(0).get("id").asLong();
    }

    @Test
    void savedSearchRoundTripsWithTheContractShape() {
        long id = create("Root logins", "message:even");
        JsonNode view = alice.get(views() + id + "/").json().get("objects").get(0);
        assertThat(view.get("name").asString()).isEqualTo("Root logins");
        assertThat(view.get("description").asString()).isEqualTo("From Explore");
        assertThat(view.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(view.get("query_string").asString()).isEqualTo("message:even");
        assertThat(view.get("query_dsl").asString()).isEqualTo("\"\"");
        assertThat(view.get("label_string").asString()).isEqualTo("[\"triage\"]");
        assertThat(view.get("query_filter").isString()).isTrue();
        JsonNode filter = TsClient.JSON.readTree(view.get("query_filter").asString());
        assertThat(filter.get("from").asInt()).isZero();
        assertThat(filter.get("size").asInt()).isEqualTo(10);
        assertThat(filter.get("order").asString()).isEqualTo("desc");
        assertThat(filter.get("terminate_after").asInt()).isEqualTo(40);
        assertThat(filter.get("exclude").isArray()).isTrue();
        assertThat(filter.get("chips").get(0).get("value").asString()).isEqualTo("root");
        assertThat(filter.get("fields").toString()).contains("datetime", "timestamp_desc", "message");
        assertThat(view.has("created_at")).isTrue();
        assertThat(view.has("updated_at")).isTrue();
    }

    @Test
    void sketchResourceListsViews() {
        long id = create("Listed", "odd");
        JsonNode views = alice.get("/api/v1/sketches/" + sketchId + "/").json().get("meta").get("views");
        JsonNode entry = null;
        for (JsonNode v : views) {
            if (v.get("id").asLong() == id) {
                entry = v;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("name").asString()).isEqualTo("Listed");
        assertThat(entry.get("query").asString()).isEqualTo("odd");
        assertThat(entry.get("user").asString()).isEqualTo("alice");
        assertThat(entry.get("filter").isString()).isTrue();
        JsonNode list = alice.get(views()).json();
        assertThat(list.get("objects").get(0).isArray()).isTrue();
    }

    @Test
    void dslIsStoredJsonEncodedAndClearsTheQueryStringOnUpdate() {
        long id = create("DSL", "x");
        Map<String, Object> dsl = TsClient.map("query", TsClient.map("match_all", Map.of()));
        TsClient.Response updated = alice.post(views() + id + "/", TsClient.map("name", "DSL two", "dsl", dsl));
        assertThat(updated.status()).isEqualTo(201);
        JsonNode view = alice.get(views() + id + "/").json().get("objects").get(0);
        assertThat(view.get("name").asString()).isEqualTo("DSL two");
        assertThat(view.get("query_string").asString()).isEmpty();
        assertThat(TsClient.JSON.readTree(view.get("query_dsl").asString()).has("query")).isTrue();
        assertThat(view.get("description").asString()).isEqualTo("From Explore");
    }

    @Test
    void deleteRemovesTheView() {
        long id = create("Gone", "x");
        TsClient.Response deleted = alice.delete(views() + id + "/");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("200");
        assertThat(alice.get(views() + id + "/").status()).isEqualTo(404);
        assertThat(alice.delete(views() + id + "/").status()).isEqualTo(404);
    }

    @Test
    void brokenInputIsA400WithAMessage() {
        TsClient.Response noName = alice.post(views(), TsClient.map("query", "x"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("message").asString()).contains("name");
        assertThat(alice.post(views(), TsClient.map("name", "n".repeat(256), "query", "x")).status()).isEqualTo(400);
        TsClient.Response badFilter = alice.post(views(), TsClient.map("name", "f", "query", "x", "filter", "{nope"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("message").asString()).contains("filter");
        assertThat(alice.post(views(), TsClient.map("name", "f", "filter", List.of(1))).status()).isEqualTo(400);
        assertThat(alice.post(views(), TsClient.map("name", "f", "dsl", "[1]")).status()).isEqualTo(400);
        assertThat(alice.post(views(), TsClient.map("name", "f", "labels", "[1, [2]]")).status()).isEqualTo(400);
        assertThat(alice.post(views(), List.of("not", "an", "object")).status()).isEqualTo(400);
        assertThat(alice.get(views() + "999999/").status()).isEqualTo(404);
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        long id = create("Secret", "password");
        String path = views() + id + "/";
        assertThat(bob.get(views()).status()).isEqualTo(403);
        assertThat(bob.get(path).status()).isEqualTo(403);
        assertThat(bob.get(path).body()).doesNotContain("password");
        assertThat(bob.post(views(), search("Mine", "x")).status()).isEqualTo(403);
        assertThat(bob.post(path, TsClient.map("name", "hijack")).status()).isEqualTo(403);
        assertThat(bob.delete(path).status()).isEqualTo(403);
        assertThat(alice.get(path).json().get("objects").get(0).get("name").asString()).isEqualTo("Secret");
        long bobs = Fixtures.sketch(bob, "Bob's views");
        String viaOwn = "/api/v1/sketches/" + bobs + "/views/" + id + "/";
        assertThat(bob.get(viaOwn).status()).isEqualTo(404);
        assertThat(bob.post(viaOwn, TsClient.map("name", "hijack")).status()).isEqualTo(404);
        assertThat(bob.delete(viaOwn).status()).isEqualTo(404);
        assertThat(alice.get(path).status()).isEqualTo(200);
        assertThat(bob.get("/api/v1/sketches/999999/views/").status()).isEqualTo(404);
    }
}
