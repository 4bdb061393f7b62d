package org.timesmith.server.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

class TimelineApiTest {

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
    void generateTimelineFromAnIndexLikeTheClient() {
        long sketchId = Fixtures.sketch(alice, "From index");
        Fixtures.TimelineRef ref = Fixtures.timeline(server, alice, sketchId, "seed", Fixtures.events(4));
        JsonNode list = alice.get("/api/v1/searchindices/").json();
        assertThat(list.get("objects").get(0).isArray()).isTrue();
        assertThat(list.get("objects").get(0).toString()).contains(ref.indexName());
        JsonNode index = alice.get("/api/v1/searchindices/" + ref.indexId() + "/").json();
        assertThat(index.get("meta").get("fields").toString()).contains("timestamp").contains("datetime")
                .contains("message");
        assertThat(index.get("meta").get("contains_timeline_id").asBoolean()).isTrue();
        assertThat(alice.post("/api/v1/searchindices/" + ref.indexId() + "/", TsClient.map("status", "ready")).status())
                .isEqualTo(200);
        assertThat(alice.post("/api/v1/searchindices/" + ref.indexId() + "/", TsClient.map("status", "exploded"))
                .status()).isEqualTo(400);
        TsClient.Response again = alice.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "seed",
                "es_index_name", ref.indexName()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("meta").get("created").asBoolean()).isFalse();
        TsClient.Response attached = alice.post("/api/v1/sketches/" + sketchId + "/timelines/",
                TsClient.map("timeline", ref.indexId(), "timeline_name", "seed"));
        assertThat(attached.status()).isEqualTo(200);
        assertThat(attached.json().get("meta").get("created").asBoolean()).isFalse();
        TsClient.Response source = alice.post("/api/v1/sketches/" + sketchId + "/datasource/", TsClient.map(
                "timeline_id", ref.timelineId(), "provider", "script", "context", "ctx", "data_label", "csv"));
        assertThat(source.status()).isEqualTo(201);
        assertThat(source.json().get("objects").get(0).get("provider").asString()).isEqualTo("script");
    }

    @Test
    void addTimelineIdGivesEventsOfAnIndexFilledElsewhereTheTimelineId() {
        long sketchId = Fixtures.sketch(alice, "Foreign index");
        long otherSketch = Fixtures.sketch(alice, "Other sketch");
        String indexName = "foreign" + UUID.randomUUID().toString().replace("-", "");
        server.store().createIndex(indexName);
        List<Map<String, Object>> events = Fixtures.events(5);
        try (BulkWriter writer = server.store().bulkWriter(indexName)) {
            for (int i = 0; i < events.size(); i++) {
                writer.add(new Event("foreign-" + i, events.get(i)));
            }
        }
        server.store().refresh(indexName);
        long indexId = alice.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "foreign",
                "es_index_name", indexName)).json().get("objects").get(0).get("id").asLong();
        long timelineId = alice.post("/api/v1/sketches/" + sketchId + "/timelines/", TsClient.map("timeline", indexId,
                "timeline_name", "foreign")).json().get("objects").get(0).get("id").asLong();
        assertThat(Uploads.count(alice, sketchId, List.of(timelineId))).isZero();
        String url = "/api/v1/sketches/" + sketchId + "/event/add_timeline_id/";
        Map<String, Object> body = TsClient.map("searchindex_id", indexId, "timeline_id", timelineId);

        assertThat(bob.post(url, body).status()).isEqualTo(403);
        assertThat(Uploads.count(alice, sketchId, List.of(timelineId))).isZero();
        TsClient.Response added = alice.post(url, body);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().trim()).isEqualTo("200");
        assertThat(Uploads.count(alice, sketchId, List.of(timelineId))).isEqualTo(5);
        assertThat(alice.post(url, body).status()).isEqualTo(200);
        assertThat(Uploads.count(alice, sketchId, List.of(timelineId))).isEqualTo(5);

        assertThat(alice.post("/api/v1/sketches/" + otherSketch + "/event/add_timeline_id/", body).status())
                .isEqualTo(404);
        Fixtures.TimelineRef elsewhere = Fixtures.timeline(server, alice, sketchId, "elsewhere", Fixtures.events(1));
        assertThat(alice.post(url, TsClient.map("searchindex_id", elsewhere.indexId(), "timeline_id", timelineId))
                .status()).isEqualTo(400);
        assertThat(alice.post(url, TsClient.map("timeline_id", timelineId)).status()).isEqualTo(400);
    }

    @Test
    void getListUpdateAndLabelATimeline() {
        long sketchId = Fixtures.sketch(alice, "Timeline CRUD");
        Fixtures.TimelineRef ref = Fixtures.timeline(server, alice, sketchId, "crud", Fixtures.events(3));
        String url = "/api/v1/sketches/" + sketchId + "/timelines/" + ref.timelineId() + "/";
        JsonNode timeline = alice.get(url).json();
        assertThat(timeline.get("objects").get(0).get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(timeline.get("meta").has("lines_indexed")).isTrue();
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/").json().get("objects").get(0).size())
                .isEqualTo(1);
        TsClient.Response updated = alice.post(url, TsClient.map("name", "renamed", "description", "d", "color", "00ff00"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(alice.get(url).json().get("objects").get(0).get("name").asString()).isEqualTo("renamed");
        assertThat(alice.post(url, TsClient.map("name", "x", "description", "d", "color", "green")).status())
                .isEqualTo(400);
        assertThat(alice.post(url, TsClient.map("name", "renamed", "description", "d", "color", "00FF00",
                "labels", "[\"reviewed\"]", "label_action", "add")).status()).isEqualTo(200);
        assertThat(alice.get(url).json().get("objects").get(0).get("label_string").asString()).isEqualTo("[\"reviewed\"]");
        assertThat(alice.post(url, TsClient.map("name", "renamed", "description", "d", "color", "00FF00",
                "labels", "[\"reviewed\"]", "label_action", "add")).status()).isEqualTo(400);
        assertThat(alice.post(url, TsClient.map("labels", "[\"x\"]", "label_action", "flip")).status()).isEqualTo(400);
        assertThat(alice.post(url, TsClient.map("labels", "[\"x\"", "label_action", "add")).status()).isEqualTo(400);
        assertThat(alice.post(url, TsClient.map("labels", List.of(Map.of("a", 1)), "label_action", "add")).status())
                .isEqualTo(400);
        assertThat(alice.get(url).json().get("objects").get(0).get("label_string").asString()).isEqualTo("[\"reviewed\"]");
        assertThat(alice.post(url, TsClient.map("labels", List.of("reviewed", "other"), "label_action", "remove"))
                .status()).isEqualTo(200);
        assertThat(alice.get(url).json().get("objects").get(0).get("label_string").asString()).isEmpty();
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/999999/").status()).isEqualTo(404);
    }

    @Test
    void deletingTheLastTimelineOfAnIndexArchivesTheIndexWithItsEvents() {
        long sketchId = Fixtures.sketch(alice, "Delete timeline");
        Fixtures.TimelineRef ref = Fixtures.timeline(server, alice, sketchId, "gone", Fixtures.events(6));
        assertThat(server.store().count(SearchRequest.builder(ref.indexName()).build())).isEqualTo(6);
        assertThat(alice.delete("/api/v1/sketches/" + sketchId + "/timelines/" + ref.timelineId() + "/").status())
                .isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0).get("timelines").size())
                .isZero();
        assertThat(server.store().indexExists(ref.indexName())).isTrue();
        assertThat(server.store().indexClosed(ref.indexName())).isTrue();
        assertThat(alice.get("/api/v1/searchindices/" + ref.indexId() + "/").body()).contains("archived");
        server.store().openIndex(ref.indexName());
        assertThat(server.store().count(SearchRequest.builder(ref.indexName()).build())).isEqualTo(6);
        server.store().closeIndex(ref.indexName());
    }

    @Test
    void aSoftDeletedSketchClosesOnlyTheIndicesNoOtherSketchShows() {
        long first = Fixtures.sketch(alice, "Soft delete A");
        long second = Fixtures.sketch(alice, "Soft delete B");
        Fixtures.TimelineRef shared = Fixtures.timeline(server, alice, first, "shared", Fixtures.events(2));
        Fixtures.TimelineRef own = Fixtures.timeline(server, alice, first, "own", Fixtures.events(2));
        assertThat(alice.post("/api/v1/sketches/" + second + "/timelines/", TsClient.map("timeline", shared.indexId()))
                .status()).isEqualTo(201);
        assertThat(alice.delete("/api/v1/sketches/" + first + "/").status()).isEqualTo(200);
        assertThat(server.store().indexClosed(own.indexName())).isTrue();
        assertThat(server.store().indexClosed(shared.indexName())).isFalse();
        assertThat(alice.delete("/api/v1/sketches/" + second + "/").status()).isEqualTo(200);
        assertThat(server.store().indexClosed(shared.indexName())).isTrue();
        // An administrator still reads the soft-deleted sketch, its closed indices counted as empty.
        TsClient.Response deleted = server.login("admin").get("/api/v1/sketches/" + first + "/");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("meta").get("stats_per_timeline").get(String.valueOf(own.timelineId()))
                .get("count").asLong()).isZero();
    }

    @Test
    void anIndexUsedByASketchCannotBeDeleted() {
        long sketchId = Fixtures.sketch(alice, "Index in use");
        Fixtures.TimelineRef ref = Fixtures.timeline(server, alice, sketchId, "used", Fixtures.events(1));
        assertThat(alice.delete("/api/v1/searchindices/" + ref.indexId() + "/").status()).isEqualTo(403);
        TsClient.Response free = alice.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "free",
                "es_index_name", "free-index-" + sketchId));
        assertThat(free.status()).isEqualTo(201);
        long freeId = free.json().get("objects").get(0).get("id").asLong();
        assertThat(alice.delete("/api/v1/searchindices/" + freeId + "/").status()).isEqualTo(200);
        assertThat(alice.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "x",
                "es_index_name", "Bad/Name")).status()).isEqualTo(400);
    }

    @Test
    void anotherUserSeesNoTimelineOrIndex() {
        long sketchId = Fixtures.sketch(alice, "Timelines private");
        Fixtures.TimelineRef ref = Fixtures.timeline(server, alice, sketchId, "secret", Fixtures.events(2));
        String base = "/api/v1/sketches/" + sketchId + "/timelines/";
        assertThat(bob.get(base).status()).isEqualTo(403);
        assertThat(bob.get(base + ref.timelineId() + "/").status()).isEqualTo(403);
        assertThat(bob.post(base + ref.timelineId() + "/", TsClient.map("name", "x", "color", "000000")).status())
                .isEqualTo(403);
        assertThat(bob.delete(base + ref.timelineId() + "/").status()).isEqualTo(403);
        assertThat(bob.post(base, TsClient.map("timeline", ref.indexId())).status()).isEqualTo(403);
        assertThat(bob.post("/api/v1/sketches/" + sketchId + "/datasource/", TsClient.map("timeline_id",
                ref.timelineId())).status()).isEqualTo(403);
        assertThat(bob.get("/api/v1/searchindices/").body()).doesNotContain(ref.indexName());
        assertThat(bob.get("/api/v1/searchindices/" + ref.indexId() + "/").status()).isEqualTo(404);
        assertThat(bob.post("/api/v1/searchindices/" + ref.indexId() + "/", TsClient.map("status", "fail")).status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/v1/searchindices/" + ref.indexId() + "/").status()).isEqualTo(404);
        assertThat(bob.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "steal",
                "es_index_name", ref.indexName())).status()).isEqualTo(403);
        long bobsSketch = Fixtures.sketch(bob, "Bob attaches");
        assertThat(bob.post("/api/v1/sketches/" + bobsSketch + "/timelines/", TsClient.map("timeline", ref.indexId()))
                .status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/" + ref.timelineId() + "/").status())
                .isEqualTo(200);
        assertThat(List.of(bob.get("/api/v1/sketches/" + bobsSketch + "/").body())).noneMatch(b -> b.contains("secret"));
    }
}
