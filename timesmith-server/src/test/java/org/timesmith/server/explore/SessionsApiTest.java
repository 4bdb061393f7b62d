package org.timesmith.server.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET explore/sessions/{index}} over the real server: the sessionizer runs through the
 * analyzer API on a timeline with two bursts of activity an hour apart (two events of which already
 * carry a logon session as the logon sessionizer writes it), and the route lists the sessions of
 * both types with their times as Timesketch does; a user without access, an index that is not the
 * sketch's and another sketch's index get 403/404 and no sessions.
 */
class SessionsApiTest {

    private static final long START = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z
    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef timeline;

    @BeforeAll
    static void sketchWithTwoBursts() throws Exception {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Sessions");
        List<Map<String, Object>> events = new ArrayList<>();
        for (long minute : new long[] {0, 1, 3, 60, 62}) {
            Map<String, Object> e = new LinkedHashMap<>();
            long ts = START + minute * 60_000_000L;
            e.put("message", "activity at minute " + minute);
            e.put("timestamp", ts);
            e.put("datetime", java.time.Instant.ofEpochSecond(ts / 1_000_000).toString());
            e.put("timestamp_desc", "Time Logged");
            if (minute == 1 || minute == 60) {
                e.put("session_id", Map.of("logon_session", List.of("0 (alice)")));
            }
            events.add(e);
        }
        timeline = Fixtures.timeline(server, alice, sketchId, "bursts", events);
        sessionize(timeline, Map.of());
    }

    /** Runs the sessionizer on the timeline through the analyzer API and waits until it is done. */
    private static void sessionize(Fixtures.TimelineRef timeline, Map<String, Object> kwargs) throws InterruptedException {
        TsClient.Response run = alice.post("/api/v1/sketches/" + sketchId + "/analyzer/", TsClient.map(
                "timeline_ids", List.of(timeline.timelineId()), "analyzer_names", List.of("sessionizer"),
                "analyzer_kwargs", Map.of("sessionizer", kwargs), "analyzer_force_run", true));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        long session = run.json().get("objects").get(0).get(0).get("id").asLong();
        for (int i = 0; i < 600; i++) {
            JsonNode analysis = alice.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/" + session + "/").json()
                    .get("objects").get(0).get("analyses").get(0);
            String status = analysis.get("status").get(0).get("status").asString();
            if (status.equals("DONE")) {
                return;
            }
            assertThat(status).as(analysis.toString()).isNotEqualTo("ERROR");
            Thread.sleep(100);
        }
        throw new AssertionError("the sessionizer did not finish");
    }

    private static String sessions(String index) {
        return "/api/v1/sketches/" + sketchId + "/explore/sessions/" + index;
    }

    @Test
    void listsTheSessionsWithTheirTimesInMillisecondsThenTruncated() {
        TsClient.Response response = alice.get(sessions(timeline.indexName()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isEqualTo(4);
        assertThat(list.get(0).get("session_type").asString()).isEqualTo("all_events");
        assertThat(list.get(0).get("session_id").asString()).isEqualTo("1");
        assertThat(list.get(0).get("start_timestamp").asDouble()).isEqualTo(START / 1000.0);
        assertThat(list.get(0).get("end_timestamp").asDouble()).isEqualTo((START + 3 * 60_000_000L) / 1000.0);
        assertThat(list.get(1).get("session_id").asString()).isEqualTo("2");
        assertThat(list.get(1).get("start_timestamp").asDouble()).isEqualTo((START + 60 * 60_000_000L) / 1000.0);
        assertThat(list.get(1).get("end_timestamp").asDouble()).isEqualTo((START + 62 * 60_000_000L) / 1000.0);
        assertThat(list.get(2).get("session_type").asString()).isEqualTo("logon_session");
        assertThat(list.get(2).get("session_id").asString()).isEqualTo("0 (alice)");
        assertThat(list.get(2).get("start_timestamp").asDouble()).isEqualTo((START + 60_000_000L) / 1000.0);
        assertThat(list.get(2).get("end_timestamp").asDouble()).isEqualTo((START + 60 * 60_000_000L) / 1000.0);
        assertThat(list.get(3).get("truncated").asBoolean()).isFalse();
        assertThat(alice.get(sessions(timeline.indexName()) + "/").body()).isEqualTo(response.body());
    }

    @Test
    void moreThanAHundredSessionsOfATypeAreCutAndSaidSo() throws Exception {
        // Fixtures.events: one event a minute; a 30 s gap makes each its own session
        Fixtures.TimelineRef minutes = Fixtures.timeline(server, alice, sketchId, "minutes", Fixtures.events(105));
        sessionize(minutes, Map.of("max_time_diff_seconds", 30));

        JsonNode list = alice.get(sessions(minutes.indexName())).json();

        assertThat(list.size()).isEqualTo(101);
        assertThat(list.get(99).get("session_type").asString()).isEqualTo("all_events");
        assertThat(list.get(100).get("truncated").asBoolean()).isTrue();
    }

    @Test
    void anotherUserGetsNoSessions() {
        TsClient.Response response = bob.get(sessions(timeline.indexName()));

        assertThat(response.status()).isIn(403, 404);
        assertThat(response.body()).doesNotContain("session_type", "all_events");
    }

    @Test
    void anIndexThatIsNotTheSketchsIsNotFound() {
        long bobsSketch = Fixtures.sketch(bob, "Bob's sessions");
        Fixtures.TimelineRef bobs = Fixtures.timeline(server, bob, bobsSketch, "bob's", Fixtures.events(3));

        TsClient.Response other = alice.get(sessions(bobs.indexName()));
        TsClient.Response unknown = alice.get(sessions("no_such_index"));

        assertThat(other.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("session_type");
    }
}
