package org.timesmith.server.explore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** Search history recorded by explore (with branches), its list and tree, and explore/query's DSL. */
class SearchHistoryApiTest {

    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;

    @BeforeAll
    static void start() {
        TestServer server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "History");
        Fixtures.timeline(server, alice, sketchId, "events", Fixtures.events(6));
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    private static JsonNode search(String query, Long parent) {
        TsClient.Response response = alice.post(base() + "explore/", parent == null
                ? TsClient.map("query", query, "filter", TsClient.map("size", 10))
                : TsClient.map("query", query, "filter", TsClient.map("size", 10), "parent", parent));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("search_node");
    }

    @Test
    void searchesBranchFromTheParentTheyFollow() {
        long first = search("even", null).get("id").asLong();
        long second = search("odd", null).get("id").asLong();
        assertThat(search("odd", null).get("id").asLong()).as("same search again is not a new node").isEqualTo(second);
        JsonNode branch = search("root", first);
        assertThat(branch.get("parent").asLong()).isEqualTo(first);
        assertThat(branch.get("query_result_count").asLong()).isEqualTo(2);

        JsonNode tree = alice.get(base() + "searchhistorytree/").json();
        assertThat(tree.get("meta").get("last_node_id").asLong()).isEqualTo(branch.get("id").asLong());
        JsonNode root = tree.get("objects").get(0);
        assertThat(root.get("id").asLong()).isEqualTo(first);
        assertThat(root.get("children").size()).isEqualTo(2);
        assertThat(root.get("children").get(0).get("query_string").asString()).isEqualTo("odd");
        assertThat(root.get("children").get(1).get("query_string").asString()).isEqualTo("root");

        JsonNode recent = alice.get(base() + "searchhistory/?limit=2").json();
        assertThat(recent.get("objects").size()).isEqualTo(2);
        assertThat(recent.get("objects").get(0).get("query_string").asString()).isEqualTo("root");
        assertThat(recent.get("objects").get(1).get("query_string").asString()).isEqualTo("odd");

        TsClient.Response strayParent = alice.post(base() + "explore/", TsClient.map("query", "even",
                "filter", TsClient.map("size", 10), "parent", "not-an-id"));
        assertThat(strayParent.status()).as("a bad parent never fails the search").isEqualTo(200);
        assertThat(strayParent.json().get("meta").get("search_node").get("parent").asLong())
                .isEqualTo(branch.get("id").asLong());
    }

    @Test
    void queryAnswersTheDslWithoutSearching() {
        TsClient.Response dsl = alice.post(base() + "explore/query/", TsClient.map("query", "user:root",
                "filter", TsClient.map("size", 5, "order", "desc")));
        assertThat(dsl.status()).as(dsl.body()).isEqualTo(200);
        JsonNode body = dsl.json().get("objects").get(0);
        assertThat(body.get("query").toString()).contains("user:root").contains("__ts_timeline_id");
        assertThat(body.get("size").asInt()).isEqualTo(5);
        assertThat(body.get("sort").toString()).contains("desc");
        assertThat(alice.post(base() + "explore/query/", TsClient.map("dsl", "{nope")).status()).isEqualTo(400);
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        assertThat(bob.get(base() + "searchhistory/").status()).isEqualTo(403);
        assertThat(bob.get(base() + "searchhistorytree/").status()).isEqualTo(403);
        assertThat(bob.post(base() + "explore/query/", TsClient.map("query", "*")).status()).isEqualTo(403);
        long bobs = Fixtures.sketch(bob, "Bob's history");
        JsonNode empty = bob.get("/api/v1/sketches/" + bobs + "/searchhistorytree/").json();
        assertThat(empty.get("meta").get("last_node_id").isNull()).isTrue();
        assertThat(bob.get("/api/v1/sketches/" + bobs + "/searchhistory/").json().get("objects").isEmpty()).isTrue();
    }
}
