package org.timesmith.server.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class StoryApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static long viewId;
    private static long aggregationId;
    private static long groupId;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Stories");
        Fixtures.timeline(server, alice, sketchId, "story-events", Fixtures.events(12));
        viewId = alice.post("/api/v1/sketches/" + sketchId + "/views/", TsClient.map("name", "Root only",
                "query", "user:root")).json().get("objects").get(0).get("id").asLong();
        aggregationId = alice.post("/api/v1/sketches/" + sketchId + "/aggregation/", TsClient.map("name", "Users",
                "agg_type", "field_bucket", "parameters", TsClient.map("field", "user"), "chart_type", "table"))
                .json().get("objects").get(0).get("id").asLong();
        groupId = alice.post("/api/v1/sketches/" + sketchId + "/aggregation/group/", TsClient.map("name", "Group one",
                "aggregations", "[" + aggregationId + "]")).json().get("objects").get(0).get("id").asLong();
    }

    private static String stories() {
        return "/api/v1/sketches/" + sketchId + "/stories/";
    }

    private static long create(String title) {
        TsClient.Response created = alice.post(stories(), TsClient.map("title", title, "content", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("objects").get(0).get("id").asLong();
    }

    static Map<String, Object> block(String componentName, Map<String, Object> props, String content) {
        return TsClient.map("componentName", componentName, "componentProps", props, "content", content,
                "edit", false, "showPanel", false, "isActive", false);
    }

    static String content(long viewId, long aggregationId, long groupId) {
        List<Map<String, Object>> blocks = List.of(
                block("", Map.of(), "# Findings\n\nThe <script> ran & left traces.\n\n- first\n- second"),
                block("TsViewEventList", TsClient.map("view", TsClient.map("id", viewId, "name", "Root only")), ""),
                block("TsAggregationCompact", TsClient.map("aggregation", TsClient.map("id", aggregationId,
                        "name", "Users", "chart_type", "table", "agg_type", "field_bucket",
                        "parameters", "{\"field\": \"user\"}")), ""),
                block("TsAggregationGroupCompact", TsClient.map("aggregation_group",
                        TsClient.map("id", groupId, "name", "Group one")), ""));
        return TsClient.JSON.writeValueAsString(blocks);
    }

    @Test
    void storyRoundTripsWithTheContractShape() {
        long id = create("Incident");
        JsonNode got = alice.get(stories() + id + "/").json();
        JsonNode story = got.get("objects").get(0);
        assertThat(story.get("title").asString()).isEqualTo("Incident");
        assertThat(story.get("content").asString()).isEqualTo("[]");
        assertThat(story.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(story.get("labels").isArray()).isTrue();
        assertThat(got.get("meta").get("is_editable").asBoolean()).isTrue();
        String content = content(viewId, aggregationId, groupId);
        TsClient.Response committed = alice.post(stories() + id + "/", TsClient.map("title", "Incident 1",
                "content", content));
        assertThat(committed.status()).isEqualTo(201);
        JsonNode updated = alice.get(stories() + id + "/").json().get("objects").get(0);
        assertThat(updated.get("title").asString()).isEqualTo("Incident 1");
        JsonNode blocks = TsClient.JSON.readTree(updated.get("content").asString());
        assertThat(blocks.size()).isEqualTo(4);
        assertThat(blocks.get(1).get("componentProps").get("view").get("id").asLong()).isEqualTo(viewId);
        JsonNode list = alice.get(stories()).json().get("objects");
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).isArray()).isTrue();
        JsonNode meta = alice.get("/api/v1/sketches/" + sketchId + "/").json().get("meta").get("stories");
        assertThat(meta.toString()).contains("Incident 1");
        assertThat(meta.get(0).get("user").asString()).isEqualTo("alice");
    }

    @Test
    void exportAsMarkdownAndHtmlRunsTheBlocks() {
        long id = create("Exported");
        alice.post(stories() + id + "/", TsClient.map("content", content(viewId, aggregationId, groupId)));
        TsClient.Response markdown = alice.post(stories() + id + "/", TsClient.map("export_format", "markdown"));
        assertThat(markdown.status()).isEqualTo(200);
        String md = markdown.json().get("story").asString();
        assertThat(md).startsWith("# Exported");
        assertThat(md).contains("# Findings", "### Saved search: Root only", "Query: user:root",
                "| entry 0 even |", "| entry 3 odd |", "### Users", "| alice | 8 |", "| root | 4 |", "## Group one");
        assertThat(md).doesNotContain("entry 1 odd");
        String html = alice.post(stories() + id + "/", TsClient.map("export_format", "html")).json()
                .get("story").asString();
        assertThat(html).contains("<h1>Exported</h1>", "<h1>Findings</h1>", "The &lt;script&gt; ran &amp; left traces.",
                "<li>first</li>", "<td>entry 0 even</td>", "<td>alice</td><td>8</td>");
        assertThat(html).doesNotContain("<script>");
        assertThat(alice.post(stories() + id + "/", TsClient.map("export_format", "pdf")).status()).isEqualTo(400);
    }

    @Test
    void deleteRemovesTheStory() {
        long id = create("Short-lived");
        TsClient.Response deleted = alice.delete(stories() + id + "/");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(alice.get(stories() + id + "/").status()).isEqualTo(404);
    }

    @Test
    void brokenInputIsA400WithAMessage() {
        TsClient.Response noTitle = alice.post(stories(), TsClient.map("content", ""));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().get("message").asString()).contains("title");
        assertThat(alice.post(stories(), TsClient.map("title", "t".repeat(256))).status()).isEqualTo(400);
        for (String bad : List.of("not json", "{}", "[1]", "[{\"content\": 5}]")) {
            TsClient.Response response = alice.post(stories(), TsClient.map("title", "t", "content", bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("message").asString()).contains("content");
        }
        long id = create("Valid");
        assertThat(alice.post(stories() + id + "/", TsClient.map("content", "[[]]")).status()).isEqualTo(400);
        assertThat(alice.get(stories() + id + "/").json().get("objects").get(0).get("content").asString())
                .isEqualTo("[]");
        assertThat(alice.post(stories(), "text").status()).isEqualTo(400);
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        long id = create("Secret story");
        alice.post(stories() + id + "/", TsClient.map("content", content(viewId, aggregationId, groupId)));
        String path = stories() + id + "/";
        List<TsClient.Response> denied = List.of(bob.get(stories()), bob.post(stories(), TsClient.map("title", "x")),
                bob.get(path), bob.post(path, TsClient.map("title", "mine")),
                bob.post(path, TsClient.map("export_format", "markdown")), bob.delete(path));
        for (TsClient.Response response : denied) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.body()).doesNotContain("Secret", "entry");
        }
        long bobs = Fixtures.sketch(bob, "Bob's stories");
        String viaOwn = "/api/v1/sketches/" + bobs + "/stories/" + id + "/";
        assertThat(bob.get(viaOwn).status()).isEqualTo(404);
        assertThat(bob.post(viaOwn, TsClient.map("export_format", "html")).status()).isEqualTo(404);
        assertThat(bob.delete(viaOwn).status()).isEqualTo(404);
        // blocks pointing at another sketch's saved search and aggregations show nothing of them
        long bobsStory = bob.post("/api/v1/sketches/" + bobs + "/stories/", TsClient.map("title", "Borrowed",
                "content", content(viewId, aggregationId, groupId))).json().get("objects").get(0).get("id").asLong();
        String md = bob.post("/api/v1/sketches/" + bobs + "/stories/" + bobsStory + "/",
                TsClient.map("export_format", "markdown")).json().get("story").asString();
        assertThat(md).contains("Saved search " + viewId + " is not part of this sketch",
                "Aggregation " + aggregationId + " is not part of this sketch",
                "Aggregation group " + groupId + " is not part of this sketch");
        assertThat(md).doesNotContain("entry 0", "alice", "Root only\n", "Group one\n");
        assertThat(alice.get(path).json().get("objects").get(0).get("title").asString()).isEqualTo("Secret story");
    }
}
