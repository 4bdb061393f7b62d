package org.timesmith.server.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** The read-only routes around a sketch's timelines: event count, a timeline's fields, data sources. */
class SketchDataApiTest {

    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef first;
    private static long dataSourceId;

    @BeforeAll
    static void start() {
        TestServer server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Sketch data");
        first = Fixtures.timeline(server, alice, sketchId, "first", Fixtures.events(5));
        List<Map<String, Object>> other = Fixtures.events(3);
        Map<String, Object> web = new LinkedHashMap<>(other.get(0));
        web.put("data_type", "web:visit");
        web.put("url", "https://example.org/");
        other.set(0, web);
        Fixtures.timeline(server, alice, sketchId, "second", other);
        TsClient.Response added = alice.post("/api/v1/sketches/" + sketchId + "/datasource/",
                TsClient.map("timeline_id", first.timelineId(), "provider", "test", "context", "unit"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        dataSourceId = added.json().get("objects").get(0).get("id").asLong();
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    @Test
    void countIsTheEventsOfAllTimelines() {
        JsonNode count = alice.get(base() + "count/").json();
        assertThat(count.get("meta").get("count").asLong()).isEqualTo(8);
        assertThat(count.get("meta").has("bytes")).isTrue();
        assertThat(count.get("objects").isEmpty()).isTrue();
    }

    @Test
    void fieldsOfOneTimelineSortedWithoutTheTimeFields() {
        JsonNode fields = alice.get(base() + "timelines/" + first.timelineId() + "/fields/").json();
        List<String> names = fields.get("objects").valueStream().map(JsonNode::asString).toList();
        assertThat(names).contains("message", "user", "data_type", "timestamp_desc").doesNotContain("url")
                .doesNotContain("datetime", "timestamp", "__ts_timeline_id");
        assertThat(names).isSorted();
        assertThat(alice.get(base() + "timelines/999999/fields/").status()).isEqualTo(404);
    }

    @Test
    void dataSourcesListAndOne() {
        JsonNode list = alice.get(base() + "datasource/").json();
        assertThat(list.get("meta").get("number_of_timelines").asInt()).isEqualTo(2);
        assertThat(list.get("meta").get("number_of_sources").asInt()).isEqualTo(1);
        assertThat(list.get("objects").get(0).get("provider").asString()).isEqualTo("test");
        JsonNode one = alice.get(base() + "datasource/" + dataSourceId + "/").json();
        assertThat(one.get("objects").get(0).get("context").asString()).isEqualTo("unit");
        assertThat(alice.get(base() + "datasource/999999/").status()).isEqualTo(404);
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        assertThat(bob.get(base() + "count/").status()).isEqualTo(403);
        assertThat(bob.get(base() + "timelines/" + first.timelineId() + "/fields/").status()).isEqualTo(403);
        assertThat(bob.get(base() + "datasource/").status()).isEqualTo(403);
        assertThat(bob.get(base() + "datasource/" + dataSourceId + "/").status()).isEqualTo(403);
        long bobs = Fixtures.sketch(bob, "Bob's");
        assertThat(bob.get("/api/v1/sketches/" + bobs + "/datasource/" + dataSourceId + "/").status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/sketches/" + bobs + "/timelines/" + first.timelineId() + "/fields/").status())
                .isEqualTo(404);
    }
}
