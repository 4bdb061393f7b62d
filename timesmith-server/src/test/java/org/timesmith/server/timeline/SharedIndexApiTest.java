package org.timesmith.server.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * One search index held by timelines of two sketches ({@code POST sketches/{id}/timelines/} with
 * an index that already has events): both sketches search all its events, each sketch's
 * annotations stay its own, and deleting the timeline in one sketch leaves the other intact.
 */
class SharedIndexApiTest {

    private static TestServer server;
    private static TsClient alice;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
    }

    private record Shared(long first, Fixtures.TimelineRef original, long second, long added) {
    }

    private static Shared share(String name) {
        long first = Fixtures.sketch(alice, name + " first");
        Fixtures.TimelineRef original = Fixtures.timeline(server, alice, first, name, Fixtures.events(7));
        long second = Fixtures.sketch(alice, name + " second");
        TsClient.Response added = alice.post("/api/v1/sketches/" + second + "/timelines/",
                TsClient.map("timeline", original.indexId(), "timeline_name", name + " borrowed"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return new Shared(first, original, second, added.json().get("objects").get(0).get("id").asLong());
    }

    private static JsonNode explore(long sketchId, Map<String, Object> filter) {
        TsClient.Response page = alice.post("/api/v1/sketches/" + sketchId + "/explore/",
                TsClient.map("query", "*", "filter", filter));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json();
    }

    private static List<String> messages(JsonNode page) {
        List<String> messages = new ArrayList<>();
        page.get("objects").forEach(hit -> messages.add(hit.get("_source").get("message").asString()));
        return messages;
    }

    private static Map<String, Object> ref(JsonNode hit) {
        return TsClient.map("_id", hit.get("_id").asString(), "_index", hit.get("_index").asString());
    }

    @Test
    void bothSketchesSearchEveryEventAndEachSeesItsOwnTimelineId() {
        Shared s = share("both");
        JsonNode second = explore(s.second(), TsClient.map("indices", "_all"));
        assertThat(second.get("objects").size()).isEqualTo(7);
        assertThat(second.get("meta").get("es_total_count").asLong()).isEqualTo(7);
        for (JsonNode hit : second.get("objects")) {
            // The events are stamped with the first sketch's timeline; this sketch sees its own.
            assertThat(hit.get("__ts_timeline_id").asLong()).isEqualTo(s.added());
            assertThat(hit.get("_source").get("__ts_timeline_id").asLong()).isEqualTo(s.added());
        }
        assertThat(second.get("meta").get("count_per_timeline").get(String.valueOf(s.added())).asLong()).isEqualTo(7);
        assertThat(explore(s.second(), TsClient.map("indices", List.of(s.added()))).get("objects").size()).isEqualTo(7);
        assertThat(alice.get("/api/v1/sketches/" + s.second() + "/count/").json().get("meta").get("count").asLong())
                .isEqualTo(7);
        assertThat(alice.get("/api/v1/sketches/" + s.second() + "/").json().get("meta").get("stats_per_timeline")
                .get(String.valueOf(s.added())).get("count").asLong()).isEqualTo(7);
        assertThat(alice.get("/api/v1/sketches/" + s.second() + "/timelines/" + s.added() + "/fields/").json()
                .get("objects").toString()).contains("message", "user");

        JsonNode first = explore(s.first(), TsClient.map("indices", "_all"));
        assertThat(messages(first)).isEqualTo(messages(second));
        assertThat(first.get("objects").get(0).get("__ts_timeline_id").asLong()).isEqualTo(s.original().timelineId());
    }

    @Test
    void annotationsStayInTheSketchThatMadeThem() {
        Shared s = share("annotations");
        JsonNode hits = explore(s.second(), TsClient.map("indices", "_all")).get("objects");
        String base = "/api/v1/sketches/" + s.second() + "/event/";
        assertThat(alice.post(base + "annotate/", TsClient.map("annotation", "__ts_star", "annotation_type", "label",
                "events", List.of(ref(hits.get(0))), "remove", false)).status()).isEqualTo(201);
        assertThat(alice.post(base + "annotate/", TsClient.map("annotation", "seen in B", "annotation_type", "comment",
                "events", ref(hits.get(1)))).status()).isEqualTo(201);

        Map<String, Object> starred = TsClient.map("indices", "_all", "chips", List.of(TsClient.map("type", "label",
                "field", "", "value", "__ts_star", "operator", "must", "active", true)));
        assertThat(explore(s.second(), starred).get("objects").size()).isEqualTo(1);
        assertThat(explore(s.first(), starred).get("objects").size()).isZero();
        JsonNode firstHits = explore(s.first(), TsClient.map("indices", "_all")).get("objects");
        for (JsonNode hit : firstHits) {
            assertThat(hit.get("_source").get("label").toString()).doesNotContain("__ts_star", "__ts_comment");
        }
        JsonNode secondAgain = explore(s.second(), TsClient.map("indices", "_all")).get("objects");
        assertThat(secondAgain.get(1).get("_source").get("label").toString()).contains("__ts_comment");
    }

    @Test
    void deletingTheOriginalTimelineLeavesTheAddedOneIntact() {
        Shared s = share("delete original");
        assertThat(alice.delete("/api/v1/sketches/" + s.first() + "/timelines/" + s.original().timelineId() + "/")
                .status()).isEqualTo(200);
        assertThat(server.store().count(SearchRequest.builder(s.original().indexName()).build())).isEqualTo(7);
        assertThat(explore(s.second(), TsClient.map("indices", "_all")).get("objects").size()).isEqualTo(7);

        // Deleting the last timeline on the index archives the index (closed, events kept), as Timesketch does.
        assertThat(alice.delete("/api/v1/sketches/" + s.second() + "/timelines/" + s.added() + "/").status())
                .isEqualTo(200);
        assertThat(server.store().indexClosed(s.original().indexName())).isTrue();
    }

    @Test
    void deletingTheAddedTimelineLeavesTheOriginalIntact() {
        Shared s = share("delete added");
        assertThat(alice.delete("/api/v1/sketches/" + s.second() + "/timelines/" + s.added() + "/").status())
                .isEqualTo(200);
        assertThat(explore(s.first(), TsClient.map("indices", "_all")).get("objects").size()).isEqualTo(7);
        assertThat(server.store().count(SearchRequest.builder(s.original().indexName()).build())).isEqualTo(7);
    }

    @Test
    void addingTheIndexTwiceToOneSketchAnswersTheTimelineItHas() {
        Shared s = share("twice");
        TsClient.Response again = alice.post("/api/v1/sketches/" + s.second() + "/timelines/",
                TsClient.map("timeline", s.original().indexId(), "timeline_name", "again"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("meta").get("created").asBoolean()).isFalse();
        assertThat(again.json().get("objects").get(0).get("id").asLong()).isEqualTo(s.added());
    }
}
