package org.timesmith.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** analyzer/sessions/active/ and analyzer/sessions/{id}/ for a run of the domain analyzer. */
class AnalyzerSessionsApiTest {

    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static long sessionId;

    @BeforeAll
    static void start() {
        TestServer server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Sessions");
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketchId, "events", Fixtures.events(3));
        TsClient.Response run = alice.post(base() + "analyzer/", TsClient.map("timeline_ids",
                List.of(timeline.timelineId()), "analyzer_names", List.of("domain"), "analyzer_kwargs", Map.of()));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        sessionId = run.json().get("objects").get(0).get(0).get("id").asLong();
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    @Test
    void activeSessionsUntilTheRunEnds() throws InterruptedException {
        JsonNode summary = null;
        for (int i = 0; i < 300; i++) {
            TsClient.Response active = alice.get(base() + "analyzer/sessions/active/?include_details=true");
            assertThat(active.status()).as(active.body()).isEqualTo(200);
            summary = active.json().get("objects").get(0);
            assertThat(summary.get("tasks_status_count").has("PENDING")).isTrue();
            if (summary.get("total_sessions").asInt() == 0) {
                break;
            }
            assertThat(summary.get("sessions").toString()).contains(String.valueOf(sessionId));
            assertThat(summary.get("detailed_sessions").get(0).get("objects").get(0).get("id").asLong())
                    .isEqualTo(sessionId);
            Thread.sleep(200);
        }
        assertThat(summary.get("total_sessions").asInt()).isZero();
        assertThat(summary.get("total_tasks").asInt()).isZero();
        JsonNode plain = alice.get(base() + "analyzer/sessions/active/").json().get("objects").get(0);
        assertThat(plain.get("detailed_sessions").asBoolean()).isFalse();
    }

    @Test
    void oneSessionWithItsAnalyses() {
        TsClient.Response session = alice.get(base() + "analyzer/sessions/" + sessionId + "/");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        JsonNode model = session.json().get("objects").get(0);
        assertThat(model.get("id").asLong()).isEqualTo(sessionId);
        assertThat(model.get("analyses").get(0).get("analyzer_name").asString()).isEqualTo("domain");
        assertThat(alice.get(base() + "analyzer/sessions/999999/").status()).isEqualTo(404);
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        assertThat(bob.get(base() + "analyzer/sessions/active/").status()).isEqualTo(403);
        assertThat(bob.get(base() + "analyzer/sessions/" + sessionId + "/").status()).isEqualTo(403);
        long bobs = Fixtures.sketch(bob, "Bob's sessions");
        assertThat(bob.get("/api/v1/sketches/" + bobs + "/analyzer/sessions/" + sessionId + "/").status())
                .isEqualTo(404);
    }
}
