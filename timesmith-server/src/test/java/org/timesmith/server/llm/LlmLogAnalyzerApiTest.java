package org.timesmith.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.analysis.llm.agent.ReferenceAgent;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The server's {@code llm_log_analyzer} against the reference agent over real HTTP on loopback: one
 * run covers every ready timeline of the sketch (planted brute force and service in one timeline, a
 * cleared log in another; the plaso fixture uploaded into a third sketch), its findings become
 * AI-generated questions and conclusions pending review with the events as facts, a second run adds
 * no duplicates, an agent that is down ends the run ERROR, and another user can neither run it nor
 * read what it found.
 */
class LlmLogAnalyzerApiTest {

    private static ReferenceAgent agent;
    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() throws Exception {
        agent = ReferenceAgent.start(ReferenceAgent.Options.loopback(0), line -> { });
        server = new TestServer(TestServer.createHome(), true, Map.of(
                "timesmith.llm.features.log_analyzer.provider", "reference",
                "timesmith.llm.providers.reference.server-url", agent.url().toString(),
                "timesmith.llm.providers.reference.headers.X-Gateway", "timesmith-test",
                "timesmith.llm.providers.reference.read-timeout", "60s"));
        alice = server.login("alice");
        bob = server.login("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
        agent.close();
    }

    private static Map<String, Object> event(Instant time, String message, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>(fields);
        event.put("message", message);
        event.put("timestamp", time.getEpochSecond() * 1_000_000L);
        event.put("datetime", time.toString());
        event.put("timestamp_desc", "Event Recorded");
        return event;
    }

    private static TsClient.Response run(TsClient client, long sketchId, List<Long> timelines, boolean force) {
        return client.post("/api/v1/sketches/" + sketchId + "/analyzer/", TsClient.map("timeline_ids", timelines,
                "analyzer_names", List.of("llm_log_analyzer"), "analyzer_kwargs", Map.of(), "analyzer_force_run", force));
    }

    /** Runs the analyzer and waits for its one analysis to end; the analysis's JSON. */
    private static JsonNode runAndWait(long sketchId, List<Long> timelines, boolean force) throws InterruptedException {
        TsClient.Response response = run(alice, sketchId, timelines, force);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode sessions = response.json().get("objects").get(0);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("analyses")).hasSize(1);
        long sessionId = sessions.get(0).get("id").asLong();
        for (int i = 0; i < 600; i++) {
            JsonNode session = alice.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/" + sessionId + "/").json()
                    .get("objects").get(0);
            JsonNode analysis = session.get("analyses").get(0);
            String status = analysis.get("status").get(0).get("status").asString();
            if (status.equals("DONE") || status.equals("ERROR")) {
                return analysis;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the analysis did not finish");
    }

    private static List<String> labels(JsonNode question) {
        List<String> labels = new ArrayList<>();
        question.get("labels").forEach(l -> labels.add(l.get("name").asString()));
        return labels;
    }

    private static Map<String, JsonNode> questions(long sketchId) {
        Map<String, JsonNode> byName = new TreeMap<>();
        alice.get("/api/v1/sketches/" + sketchId + "/questions/").json().get("objects").get(0)
                .forEach(q -> byName.put(q.get("name").asString(), q));
        return byName;
    }

    @Test
    void findingsOfEveryTimelineBecomeQuestionsAndConclusionsForReview() throws Exception {
        long sketchId = Fixtures.sketch(alice, "LLM log analysis");
        Instant start = Instant.parse("2024-03-01T10:00:00Z");
        List<Map<String, Object>> logons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            logons.add(event(start.plusSeconds(20L * i), "Failed logon of admin", Map.of("event_identifier", 4625,
                    "username", "admin", "ip_address", "203.0.113.7")));
        }
        logons.add(event(start.plusSeconds(300), "Logon of admin", Map.of("event_identifier", 4624, "username", "admin",
                "ip_address", "203.0.113.7")));
        logons.add(event(start.plusSeconds(400), "A service was installed", Map.of("event_identifier", 7045,
                "service_name", "updater", "image_path", "C:\\Users\\Public\\updater.exe")));
        Fixtures.TimelineRef first = Fixtures.timeline(server, alice, sketchId, "logons", logons);
        Fixtures.TimelineRef second = Fixtures.timeline(server, alice, sketchId, "security", List.of(
                event(start.plusSeconds(900), "The audit log was cleared", Map.of("event_identifier", 1102, "username", "admin")),
                event(start.plusSeconds(950), "A service was installed", Map.of("event_identifier", 7045,
                        "service_name", "updater", "image_path", "C:\\Users\\Public\\updater.exe"))));

        JsonNode analysis = runAndWait(sketchId, List.of(first.timelineId()), false);
        assertThat(analysis.get("status").get(0).get("status").asString()).isEqualTo("DONE");
        assertThat(analysis.get("result").asString()).isEqualTo(
                "Processed 4 findings: 3 questions, 3 conclusions, 0 errors, 0 malformed lines (16 events sent)");

        Map<String, JsonNode> questions = questions(sketchId);
        assertThat(questions.keySet()).containsExactly("Did a brute-force attack lead to a successful login?",
                "Were event logs cleared to hide activity?", "Were new services or scheduled tasks created for persistence?");
        for (JsonNode q : questions.values()) {
            assertThat(q.get("status").get("status").asString()).isEqualTo("pending-review");
            assertThat(labels(q)).containsExactly("__ts_priority_high");
            assertThat(q.get("attributes").toString()).contains("{\"name\":\"source\",\"value\":\"AI_GENERATED\"}");
            assertThat(q.get("conclusions")).singleElement().satisfies(c -> {
                assertThat(c.get("automated").asBoolean()).isTrue();
                assertThat(c.get("source").asString()).isEqualTo("AI_GENERATED");
                assertThat(c.get("status").asString()).isEqualTo("pending-review");
                assertThat(c.get("priority").asString()).isEqualTo("high");
                assertThat(c.get("attributes").get("analyzer").asString()).isEqualTo("llm_log_analyzer");
            });
        }
        JsonNode service = questions.get("Were new services or scheduled tasks created for persistence?").get("conclusions").get(0);
        assertThat(service.get("conclusion").asString()).isEqualTo("Service \"updater\" was installed with image path "
                + "\"C:\\Users\\Public\\updater.exe\" (event 7045); the image path is typical of malware.");
        // the same service in both timelines: one conclusion resting on both events
        assertThat(service.get("conclusion_events").findValuesAsString("searchindex_name"))
                .containsExactlyInAnyOrder(first.indexName(), second.indexName());
        JsonNode cleared = questions.get("Were event logs cleared to hide activity?").get("conclusions").get(0);
        assertThat(cleared.get("conclusion").asString()).isEqualTo("The Security event log was cleared (event 1102) by admin.");
        assertThat(cleared.get("conclusion_events").findValuesAsString("searchindex_name")).containsExactly(second.indexName());
        String label = "__ts_fact_" + cleared.get("id").asLong();
        JsonNode facts = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "*",
                "filter", TsClient.map("indices", "_all", "size", 100, "chips", List.of(TsClient.map("type", "label",
                        "value", label, "active", true, "operator", "must"))))).json().get("objects");
        assertThat(facts).singleElement().satisfies(e ->
                assertThat(e.get("_source").get("message").asString()).isEqualTo("The audit log was cleared"));

        // an analyst verifies one question; a second run finds the same: nothing is duplicated, the
        // verified question stays verified (no new conclusion)
        long bruteForce = questions.get("Did a brute-force attack lead to a successful login?").get("id").asLong();
        TsClient.Response verified = alice.post("/api/v1/sketches/" + sketchId + "/questions/" + bruteForce + "/",
                TsClient.map("status", "verified"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode again = runAndWait(sketchId, List.of(second.timelineId()), true);
        assertThat(again.get("status").get(0).get("status").asString()).isEqualTo("DONE");
        Map<String, JsonNode> after = questions(sketchId);
        assertThat(after.keySet()).isEqualTo(questions.keySet());
        after.forEach((name, q) -> {
            assertThat(q.get("id").asLong()).isEqualTo(questions.get(name).get("id").asLong());
            assertThat(q.get("conclusions")).hasSize(1);
            assertThat(q.get("conclusions").get(0).get("conclusion_events"))
                    .hasSameSizeAs(questions.get(name).get("conclusions").get(0).get("conclusion_events"));
            assertThat(q.get("labels")).hasSize(1);
            assertThat(q.get("status").get("status").asString())
                    .isEqualTo(q.get("id").asLong() == bruteForce ? "verified" : "pending-review");
        });

        // another user may not run it, nor read what it found
        assertThat(run(bob, sketchId, List.of(first.timelineId()), true).status()).isIn(403, 404);
        assertThat(bob.get("/api/v1/sketches/" + sketchId + "/questions/").status()).isIn(403, 404);
    }

    @Test
    void thePlasoFixtureUploadedIsAnalysed() throws Exception {
        Path plaso = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), "plaso", "evtx_20250918.plaso");
        Assumptions.assumeTrue(Files.isRegularFile(plaso), () -> "fixture missing, skipped: " + plaso);
        long sketchId = Fixtures.sketch(alice, "LLM plaso");
        byte[] bytes = Files.readAllBytes(plaso);
        Map<String, String> fields = Uploads.form(sketchId, "evtx_20250918");
        fields.put("total_file_size", String.valueOf(bytes.length));
        TsClient.Response upload = alice.multipart("/api/v1/upload/", fields, Map.of(),
                Map.of("file", Map.entry("evtx_20250918.plaso", bytes)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        long timelineId = upload.json().get("objects").get(0).get("id").asLong();
        JsonNode done = Uploads.waitForImport(alice, sketchId, timelineId);
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");

        JsonNode analysis = runAndWait(sketchId, List.of(timelineId), false);
        assertThat(analysis.get("result").asString()).isEqualTo(
                "Processed 24 findings: 1 questions, 6 conclusions, 0 errors, 0 malformed lines (3205 events sent)");
        JsonNode question = questions(sketchId).get("Were new services or scheduled tasks created for persistence?");
        assertThat(labels(question)).containsExactly("__ts_priority_high");
        assertThat(question.get("conclusions")).hasSize(6);
        int facts = 0;
        for (JsonNode c : question.get("conclusions")) {
            facts += c.get("conclusion_events").size();
        }
        assertThat(facts).isEqualTo(24);
        assertThat(question.get("conclusions").findValuesAsString("conclusion")).contains("Service \"PsExec\" was installed with "
                + "image path \"%SystemRoot%\\PSEXESVC.EXE\" (event 7045); PsExec's service, a sign of remote execution.");
    }

    @Test
    void anAgentThatIsDownEndsTheRunWithItsReason() throws Exception {
        try (TestServer other = new TestServer(TestServer.createHome(), true, Map.of(
                "timesmith.llm.features.log_analyzer.provider", "gone",
                "timesmith.llm.providers.gone.server-url", "http://127.0.0.1:9"))) {
            TsClient carol = other.login("alice");
            long sketchId = Fixtures.sketch(carol, "Agent down");
            Fixtures.TimelineRef timeline = Fixtures.timeline(other, carol, sketchId, "events", Fixtures.events(5));
            TsClient.Response response = run(carol, sketchId, List.of(timeline.timelineId()), false);
            assertThat(response.status()).isEqualTo(200);
            long sessionId = response.json().get("objects").get(0).get(0).get("id").asLong();
            JsonNode analysis = null;
            for (int i = 0; i < 600 && analysis == null; i++) {
                JsonNode a = carol.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/" + sessionId + "/").json()
                        .get("objects").get(0).get("analyses").get(0);
                if (a.get("status").get(0).get("status").asString().equals("ERROR")) {
                    analysis = a;
                }
                Thread.sleep(100);
            }
            assertThat(analysis).isNotNull();
            assertThat(analysis.get("result").asString())
                    .startsWith("Log analysis failed: cannot connect to gone at http://127.0.0.1:9/analyze_logs");
            JsonNode objects = carol.get("/api/v1/sketches/" + sketchId + "/questions/").json().get("objects");
            assertThat(objects.isEmpty() || objects.get(0).isEmpty()).as(objects.toString()).isTrue();
        }
    }

    @Test
    void settingsSayTheLogAnalyzerIsOn() {
        JsonNode settings = alice.get("/api/v1/settings/").json();
        assertThat(settings.get("LLM_FEATURES_AVAILABLE").toString()).isEqualTo("{\"default\":true,\"log_analyzer\":true}");
    }
}
