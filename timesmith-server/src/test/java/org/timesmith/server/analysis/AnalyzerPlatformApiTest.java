package org.timesmith.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.server.analysis.testanalyzers.ConclusionEveryAnalyzer;
import org.timesmith.server.analysis.testanalyzers.FailingAnalyzer;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * The analyzer platform on the real server: test analyzers found by ServiceLoader on the test class
 * path stream events and add conclusions with facts, a failing one leaves nothing behind, a running
 * one shows its progress and log in its session, and nobody else sees the sessions.
 */
class AnalyzerPlatformApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef timeline;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Analyzer platform");
        timeline = Fixtures.timeline(server, alice, sketchId, "platform events", Fixtures.events(35));
    }

    private static String sketch() {
        return "/api/v1/sketches/" + sketchId;
    }

    private static TsClient.Response run(String analyzer, Map<String, Object> kwargs, boolean force) {
        return alice.post(sketch() + "/analyzer/", TsClient.map("timeline_ids", List.of(timeline.timelineId()),
                "analyzer_names", List.of(analyzer), "analyzer_kwargs", Map.of(analyzer, kwargs),
                "analyzer_force_run", force));
    }

    private static long sessionOf(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("objects").get(0).get(0).get("id").asLong();
    }

    /** Polls the session route until its one analysis satisfies the condition. */
    private static JsonNode awaitAnalysis(long sessionId, Predicate<JsonNode> done) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            TsClient.Response response = alice.get(sketch() + "/analyzer/sessions/" + sessionId + "/");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last = response.json().get("objects").get(0).get("analyses").get(0);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the analysis never got there: " + last);
    }

    private static boolean finished(JsonNode analysis) {
        String status = analysis.get("status").get(0).get("status").asString();
        return status.equals("DONE") || status.equals("ERROR");
    }

    private static long count(String query) {
        return server.store().count(SearchRequest.builder(timeline.indexName()).query(query).build());
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    @Test
    void anAnalyzerStreamsEventsAndAddsOneConclusionPerNEventsWithFacts() throws Exception {
        JsonNode analysis = awaitAnalysis(sessionOf(run("test_conclusion_every", Map.of("every", 10), true)),
                AnalyzerPlatformApiTest::finished);

        assertThat(analysis.get("status").get(0).get("status").asString()).as(analysis.toString()).isEqualTo("DONE");
        assertThat(analysis.get("result").asString()).isEqualTo("4 conclusions over 35 events");
        JsonNode details = analysis.get("result_details");
        assertThat(details.get("platform").asString()).isEqualTo("timesketch");
        assertThat(details.get("result_status").asString()).isEqualTo("SUCCESS");
        assertThat(details.get("result_summary").asString()).isEqualTo("4 conclusions over 35 events");
        assertThat(details.get("platform_meta_data").get("sketch_id").asLong()).isEqualTo(sketchId);
        assertThat(details.get("platform_meta_data").get("saved_views")).hasSize(1);
        assertThat(details.get("platform_meta_data").get("created_tags").get(0).asString()).isEqualTo("group_start");
        assertThat(details.get("counts").get("events_seen").asLong()).isEqualTo(35);
        assertThat(details.get("counts").get("groups").asLong()).isEqualTo(4);
        List<String> steps = new ArrayList<>();
        details.get("steps").forEach(s -> steps.add(s.get("name").asString()));
        assertThat(steps).containsExactly("analyze", "commit");
        assertThat(analysis.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(analysis.get("events_done").asLong()).isEqualTo(35);
        assertThat(analysis.get("log").asString()).contains("4 groups of 10");

        List<Long> questions = ids(details.get("questions"));
        List<Long> conclusions = ids(details.get("conclusions"));
        assertThat(questions).hasSize(1);
        assertThat(conclusions).hasSize(4);
        TsClient.Response listed = alice.get(sketch() + "/questions/" + questions.get(0) + "/conclusions/");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        for (long conclusion : conclusions) {
            assertThat(listed.body()).contains("\"id\":" + conclusion);
            assertThat(count("timesketch_label.name:__ts_fact_" + conclusion)).isEqualTo(1);
        }
        assertThat(count("tag:group_start")).isEqualTo(4);
        TsClient.Response view = alice.get(sketch() + "/views/" + details.get("platform_meta_data").get("saved_views").get(0).asLong() + "/");
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        assertThat(view.body()).contains("Group starts");

        // Not repeated unless forced; forced, the question is found again, not duplicated.
        assertThat(run("test_conclusion_every", Map.of("every", 10), false).json().get("objects")).isEmpty();
        JsonNode again = awaitAnalysis(sessionOf(run("test_conclusion_every", Map.of("every", 20), true)),
                AnalyzerPlatformApiTest::finished);
        assertThat(again.get("result").asString()).isEqualTo("2 conclusions over 35 events");
        assertThat(ids(again.get("result_details").get("questions"))).isEqualTo(questions);
    }

    @Test
    void aFailingAnalyzerSaysWhyAndLeavesNothingHalfWritten() throws Exception {
        JsonNode analysis = awaitAnalysis(sessionOf(run("test_failing", Map.of(), true)), AnalyzerPlatformApiTest::finished);

        assertThat(analysis.get("status").get(0).get("status").asString()).isEqualTo("ERROR");
        assertThat(analysis.get("result").asString()).isEqualTo("The test analyzer fails on purpose half-way.");
        assertThat(analysis.get("result_details").get("result_status").asString()).isEqualTo("ERROR");
        assertThat(analysis.get("result_details").get("error").asString()).contains("on purpose");
        assertThat(analysis.get("result_details").get("conclusions")).isEmpty();
        assertThat(analysis.get("log").asString()).contains("ERROR: The test analyzer fails on purpose");
        assertThat(count("tag:half_written OR tag:half_written_all")).isZero();
        assertThat(alice.get(sketch() + "/questions/").body()).doesNotContain(FailingAnalyzer.QUESTION);
        assertThat(alice.get(sketch() + "/views/").body()).doesNotContain("Half written");
        assertThat(alice.get(sketch() + "/stories/").body()).doesNotContain("Half written");
        assertThat(ConclusionEveryAnalyzer.QUESTION).isNotEqualTo(FailingAnalyzer.QUESTION);
    }

    @Test
    void progressAndLogAreVisibleInTheSessionWhileTheAnalyzerRuns() throws Exception {
        Path gate = dir.resolve("gate");
        long sessionId = sessionOf(run("test_gated", Map.of("gate", gate.toString()), true));

        JsonNode running = awaitAnalysis(sessionId, a -> a.get("progress").asDouble() == 0.5);
        assertThat(running.get("status").get(0).get("status").asString()).isEqualTo("STARTED");
        assertThat(running.get("events_done").asLong()).isEqualTo(21);
        assertThat(running.get("log").asString()).contains("half-way, waiting for the gate");
        TsClient.Response active = alice.get(sketch() + "/analyzer/sessions/active/?include_details=true");
        assertThat(active.status()).isEqualTo(200);
        assertThat(ids(active.json().get("objects").get(0).get("sessions"))).contains(sessionId);
        assertThat(active.body()).contains("\"progress\":0.5");

        // Nobody else sees the running session.
        assertThat(bob.get(sketch() + "/analyzer/sessions/" + sessionId + "/").status()).isEqualTo(403);
        assertThat(bob.get(sketch() + "/analyzer/sessions/active/").status()).isEqualTo(403);
        long bobsSketch = Fixtures.sketch(bob, "Bob's");
        TsClient.Response foreign = bob.get("/api/v1/sketches/" + bobsSketch + "/analyzer/sessions/" + sessionId + "/");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("half-way");
        assertThat(bob.get("/api/v1/sketches/999999/analyzer/sessions/" + sessionId + "/").status()).isEqualTo(404);

        Files.createFile(gate);
        JsonNode done = awaitAnalysis(sessionId, AnalyzerPlatformApiTest::finished);
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("result").asString()).isEqualTo("gate opened");
    }
}
