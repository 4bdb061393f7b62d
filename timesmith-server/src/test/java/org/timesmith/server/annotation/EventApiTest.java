package org.timesmith.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class EventApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    private record Setup(long sketchId, Fixtures.TimelineRef timeline, List<String> ids) {
        String base() {
            return "/api/v1/sketches/" + sketchId + "/";
        }

        Map<String, Object> ref(int i) {
            return TsClient.map("_id", ids.get(i), "_index", timeline.indexName(), "_type", "generic_event");
        }
    }

    private static Setup setup(String name, int events) {
        long sketchId = Fixtures.sketch(alice, name);
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketchId, name, Fixtures.events(events));
        JsonNode hits = alice.post("/api/v1/sketches/" + sketchId + "/explore/",
                TsClient.map("query", "*", "filter", TsClient.map("size", events))).json().get("objects");
        List<String> ids = new java.util.ArrayList<>();
        hits.forEach(h -> ids.add(h.get("_id").asString()));
        return new Setup(sketchId, timeline, ids);
    }

    private static JsonNode event(Setup s, int i) {
        TsClient.Response response = alice.get(s.base() + "event/?searchindex_id=" + s.timeline().indexName()
                + "&event_id=" + s.ids().get(i));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void getOneEventWithItsComments() {
        Setup s = setup("Get event", 3);
        TsClient.Response comment = alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "suspicious",
                "annotation_type", "comment", "events", s.ref(1)));
        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.json().get("objects").get(0).get(0).get("comment").asString()).isEqualTo("suspicious");
        JsonNode event = event(s, 1);
        assertThat(event.get("objects").get("_id").asString()).isEqualTo(s.ids().get(1));
        assertThat(event.get("objects").get("message").asString()).isEqualTo("entry 1 odd");
        assertThat(event.get("objects").get("label").toString()).contains("__ts_comment");
        JsonNode comments = event.get("meta").get("comments");
        assertThat(comments.get(0).get("comment").asString()).isEqualTo("suspicious");
        assertThat(comments.get(0).get("user").get("username").asString()).isEqualTo("alice");
        assertThat(alice.get(s.base() + "event/?searchindex_id=nope&event_id=" + s.ids().get(1)).status()).isEqualTo(400);
        assertThat(alice.get(s.base() + "event/?searchindex_id=" + s.timeline().indexName() + "&event_id=missing")
                .status()).isEqualTo(404);
    }

    @Test
    void starTogglesAndRemoveRemoves() {
        Setup s = setup("Stars", 3);
        Map<String, Object> star = TsClient.map("annotation", "__ts_star", "annotation_type", "label",
                "events", List.of(s.ref(0), s.ref(2)), "remove", false);
        assertThat(alice.post(s.base() + "event/annotate/", star).status()).isEqualTo(201);
        assertThat(event(s, 0).get("objects").get("label").toString()).contains("__ts_star");
        alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "__ts_star", "annotation_type", "label",
                "events", List.of(s.ref(0))));
        assertThat(event(s, 0).get("objects").get("label").toString()).doesNotContain("__ts_star");
        assertThat(event(s, 2).get("objects").get("label").toString()).contains("__ts_star");
        alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "bad", "annotation_type", "label",
                "events", List.of(s.ref(2))));
        alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "bad", "annotation_type", "label",
                "events", List.of(s.ref(2))));
        assertThat(event(s, 2).get("objects").get("label").toString()).contains("bad");
        alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "bad", "annotation_type", "label",
                "events", List.of(s.ref(2)), "remove", true));
        assertThat(event(s, 2).get("objects").get("label").toString()).doesNotContain("bad");
        assertThat(alice.post(s.base() + "event/annotate/", TsClient.map("annotation", "x", "annotation_type", "poke",
                "events", List.of(s.ref(2)))).status()).isEqualTo(400);
    }

    @Test
    void tagAndUntag() {
        Setup s = setup("Tags", 3);
        TsClient.Response tagged = alice.post(s.base() + "event/tagging/", TsClient.map("tag_string", "[\"evil\", \"c2\"]",
                "events", List.of(s.ref(0), s.ref(1)), "verbose", false));
        assertThat(tagged.status()).isEqualTo(200);
        JsonNode meta = tagged.json().get("meta");
        assertThat(meta.get("events_processed_by_api").asLong()).isEqualTo(2);
        assertThat(meta.get("number_of_events_with_added_tags").asLong()).isEqualTo(2);
        assertThat(meta.get("tags_applied").asLong()).isEqualTo(4);
        assertThat(event(s, 1).get("objects").get("tag").toString()).contains("evil").contains("c2");
        TsClient.Response untagged = alice.post(s.base() + "event/untag/", TsClient.map("tags_to_remove", List.of("evil"),
                "events", List.of(TsClient.map("_id", s.ids().get(1), "searchindex_id", s.timeline().indexId()))));
        assertThat(untagged.status()).isEqualTo(200);
        assertThat(untagged.body()).isEqualTo("200");
        assertThat(event(s, 1).get("objects").get("tag").toString()).doesNotContain("evil").contains("c2");
    }

    @Test
    void attributesAreAddedAndBadNamesReported() {
        Setup s = setup("Attributes", 2);
        TsClient.Response response = alice.post(s.base() + "event/attributes/", TsClient.map("events", List.of(
                TsClient.map("_id", s.ids().get(0), "_index", s.timeline().indexName(), "attributes", List.of(
                        TsClient.map("attr_name", "verdict", "attr_value", "malicious"),
                        TsClient.map("attr_name", "message", "attr_value", "overwrite"),
                        TsClient.map("attr_name", "_secret", "attr_value", "x"))))));
        assertThat(response.status()).isEqualTo(200);
        JsonNode meta = response.json().get("meta");
        assertThat(meta.get("events_modified").asLong()).isEqualTo(1);
        assertThat(meta.get("attributes_added").asLong()).isEqualTo(1);
        assertThat(meta.get("error_count").asLong()).isEqualTo(2);
        assertThat(event(s, 0).get("objects").get("verdict").asString()).isEqualTo("malicious");
        assertThat(event(s, 0).get("objects").get("message").asString()).isEqualTo("entry 0 even");
    }

    @Test
    void manualEventsGoToTheManualTimeline() {
        long sketchId = Fixtures.sketch(alice, "Manual");
        TsClient.Response created = alice.post("/api/v1/sketches/" + sketchId + "/event/create/",
                TsClient.map("date_string", "2020-09-03T22:52:21", "timestamp_desc", "Manual", "message",
                        "found a USB stick", "tag", List.of("usb"), "attributes", TsClient.map("room", "B12")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode timeline = created.json().get("objects").get(0);
        assertThat(timeline.get("name").asString()).isEqualTo("Manual events");
        JsonNode hit = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "*",
                "fields", "message,datetime,timestamp,tag,room")).json().get("objects").get(0);
        assertThat(hit.get("_source").get("datetime").asString()).isEqualTo("2020-09-03T22:52:21");
        assertThat(hit.get("_source").get("timestamp").asLong()).isEqualTo(1_599_173_541_000_000L);
        assertThat(hit.get("_source").get("room").asString()).isEqualTo("B12");
        alice.post("/api/v1/sketches/" + sketchId + "/event/create/", TsClient.map("date_string", "2020-09-04",
                "timestamp_desc", "Manual", "message", "second"));
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0).get("timelines").size())
                .isEqualTo(1);
        assertThat(alice.post("/api/v1/sketches/" + sketchId + "/event/create/", TsClient.map("date_string", "someday",
                "timestamp_desc", "Manual", "message", "x")).status()).isEqualTo(400);
    }

    @Test
    void bulkTaggingOfEveryMatchRunsAsATask() throws InterruptedException {
        Setup s = setup("Bulk", 40);
        Map<String, Object> query = TsClient.map("query", "*", "filter", TsClient.map("indices", "_all",
                "chips", List.of(TsClient.map("field", "user", "type", "term", "operator", "must", "active", true,
                        "value", "root"))));
        TsClient.Response submitted = alice.post(s.base() + "event/tagging/", TsClient.map("tag_string", "[\"root-activity\"]",
                "query", query));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        String taskId = submitted.json().get("meta").get("task_id").asString();
        String state = "";
        for (int i = 0; i < 600 && !state.equals("SUCCESS") && !state.equals("FAILURE"); i++) {
            Thread.sleep(500);
            state = alice.get("/api/v1/tasks/?job_id=" + taskId).json().get("objects").get(0).get("state").asString();
        }
        assertThat(state).isEqualTo("SUCCESS");
        Map<String, Object> count = TsClient.map("query", "*", "count", true, "filter", TsClient.map("chips", List.of(
                TsClient.map("field", "tag", "type", "term", "operator", "must", "active", true, "value", "root-activity"))));
        assertThat(alice.post(s.base() + "explore/", count).json().get("meta").get("total_count").asLong()).isEqualTo(14);
        assertThat(alice.post(s.base() + "event/tagging/", TsClient.map("tag_string", "[\"x\"]",
                "query", TsClient.map("query", "*", "filter", TsClient.map("indices", List.of("nope"))))).status())
                .isEqualTo(400);
    }

    @Test
    void anotherUserCanNeitherReadNorChangeEvents() {
        Setup s = setup("Private events", 2);
        String get = s.base() + "event/?searchindex_id=" + s.timeline().indexName() + "&event_id=" + s.ids().get(0);
        assertThat(bob.get(get).status()).isEqualTo(403);
        assertThat(bob.get(get).body()).doesNotContain("entry");
        assertThat(bob.post(s.base() + "event/annotate/", TsClient.map("annotation", "__ts_star", "annotation_type",
                "label", "events", List.of(s.ref(0)))).status()).isEqualTo(403);
        assertThat(bob.post(s.base() + "event/tagging/", TsClient.map("tag_string", "[\"x\"]",
                "events", List.of(s.ref(0)))).status()).isEqualTo(403);
        assertThat(bob.post(s.base() + "event/untag/", TsClient.map("tags_to_remove", List.of("x"),
                "events", List.of(s.ref(0)))).status()).isEqualTo(403);
        assertThat(bob.post(s.base() + "event/attributes/", TsClient.map("events", List.of(s.ref(0)))).status())
                .isEqualTo(403);
        assertThat(bob.post(s.base() + "event/create/", TsClient.map("date_string", "2020-01-01", "timestamp_desc", "x",
                "message", "x")).status()).isEqualTo(403);
        assertThat(bob.post(s.base() + "event/tagging/", TsClient.map("tag_string", "[\"x\"]",
                "query", TsClient.map("query", "*"))).status()).isEqualTo(403);
        long bobsSketch = Fixtures.sketch(bob, "Bob's events");
        String viaOwn = "/api/v1/sketches/" + bobsSketch + "/event/?searchindex_id=" + s.timeline().indexName()
                + "&event_id=" + s.ids().get(0);
        assertThat(bob.get(viaOwn).status()).isEqualTo(400);
        assertThat(bob.post("/api/v1/sketches/" + bobsSketch + "/event/annotate/", TsClient.map("annotation", "x",
                "annotation_type", "label", "events", List.of(s.ref(0)))).status()).isEqualTo(400);
        assertThat(event(s, 0).get("objects").get("label").toString()).isEqualTo("[]");
    }
}
