package org.timesmith.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Analyzers driven like the Python client: list them, run Sigma and domain on a timeline of
 * Timesketch's Sigma test events, poll the analysis status until DONE or ERROR, and the same
 * requests from a user without access.
 */
class AnalysisApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef timeline;
    private static String ruleUuid;
    private static String ruleTitle;

    @BeforeAll
    static void start() throws Exception {
        Path file = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures"),
                "timesketch", "e2e_test_data", "sigma_events.jsonl");
        Assumptions.assumeTrue(Files.exists(file), "fixture " + file + " is absent; skipping");
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(TsClient.JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { }));
        }
        Map<String, Object> visit = new LinkedHashMap<>(events.get(0));
        visit.put("message", "Visited a page");
        visit.put("url", "https://www.example.co.uk/login");
        events.add(visit);

        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Analysis");
        timeline = Fixtures.timeline(server, alice, sketchId, "sigma events", events);
        ruleUuid = UUID.randomUUID().toString();
        ruleTitle = "Zmap " + ruleUuid.substring(0, 8);
        TsClient.Response rule = alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", """
                title: %s
                id: %s
                logsource:
                    product: linux
                    service: shell
                detection:
                    keywords:
                        - 'apt-get install zmap'
                    condition: keywords
                """.formatted(ruleTitle, ruleUuid)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    }

    private static String analyzer() {
        return "/api/v1/sketches/" + sketchId + "/analyzer/";
    }

    private static String analysis() {
        return "/api/v1/sketches/" + sketchId + "/timelines/" + timeline.timelineId() + "/analysis";
    }

    private static TsClient.Response run(TsClient client, List<String> names, Map<String, Object> kwargs, boolean force) {
        return client.post(analyzer(), TsClient.map("timeline_ids", List.of(timeline.timelineId()),
                "analyzer_names", names, "analyzer_kwargs", kwargs, "analyzer_force_run", force));
    }

    /** How many analyses the timeline has had (an envelope without objects when none). */
    private static int analysisCount() {
        JsonNode objects = alice.get(analysis()).json().get("objects");
        return objects.isEmpty() ? 0 : objects.get(0).size();
    }

    /** The session ids of a run response, as the client collects them. */
    private static List<Long> sessions(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode session : response.json().get("objects").get(0)) {
            for (JsonNode a : session.get("analyses")) {
                assertThat(a.get("status").get(0).get("status").asString()).isEqualTo("PENDING");
                assertThat(a.get("parameters").isString()).isTrue();
                assertThat(a.get("timeline").get("id").asLong()).isEqualTo(timeline.timelineId());
                assertThat(a.get("user").isObject()).isTrue();
                ids.add(a.get("analysissession_id").asLong());
            }
        }
        return ids;
    }

    /** Polls like AnalyzerResult.status until every analysis of the sessions has finished. */
    private static List<JsonNode> await(List<Long> sessionIds, String path) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            TsClient.Response response = alice.get(path);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<JsonNode> mine = new ArrayList<>();
            for (JsonNode a : response.json().get("objects").get(0)) {
                if (sessionIds.contains(a.get("analysissession_id").asLong())) {
                    mine.add(a);
                }
            }
            if (!mine.isEmpty() && mine.stream().allMatch(a -> {
                String status = a.get("status").get(0).get("status").asString();
                return status.equals("DONE") || status.equals("ERROR");
            })) {
                return mine;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the analyses did not finish");
    }

    private static JsonNode byName(List<JsonNode> analyses, String name) {
        return analyses.stream().filter(a -> a.get("analyzer_name").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTheAnalyzersWithTheirShape() {
        TsClient.Response response = alice.get(analyzer());
        assertThat(response.status()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(list.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        list.forEach(a -> {
            names.add(a.get("name").asString());
            assertThat(a.get("display_name").isString()).isTrue();
            assertThat(a.get("description").isString()).isTrue();
            assertThat(a.get("is_multi").isBoolean()).isTrue();
            assertThat(a.get("is_dfiq").asBoolean()).isFalse();
        });
        assertThat(names).contains("sigma", "domain");
        JsonNode sigma = null;
        for (JsonNode a : list) {
            if (a.get("name").asString().equals("sigma")) {
                sigma = a;
            }
        }
        assertThat(sigma.get("parameters").get(0).get("name").asString()).isEqualTo("rule_uuid");
        assertThat(sigma.get("parameters").get(0).get("type").asString()).isEqualTo("string");
        assertThat(sigma.get("parameters").get(0).get("required").asBoolean()).isFalse();
    }

    @Test
    void sigmaAndDomainRunAsJobsTagEventsAndReportDone() throws Exception {
        List<Long> sessionIds = sessions(run(alice, List.of("sigma", "dom*"), Map.of("sigma", Map.of("rule_uuid", ruleUuid)), true));
        assertThat(sessionIds).hasSize(2).containsOnly(sessionIds.get(0));

        List<JsonNode> finished = await(sessionIds, analysis());
        JsonNode sigma = byName(finished, "sigma");
        assertThat(sigma.get("status").get(0).get("status").asString()).as(sigma.toString()).isEqualTo("DONE");
        assertThat(sigma.get("result").asString()).isEqualTo("1 events tagged for 1 rules");
        assertThat(sigma.get("log").asString()).contains("1 events tagged sigma_" + ruleTitle);
        assertThat(TsClient.JSON.readTree(sigma.get("parameters").asString()).get("rule_uuid").asString()).isEqualTo(ruleUuid);
        assertThat(sigma.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(sigma.get("timeline").get("name").asString()).isEqualTo("sigma events");
        assertThat(sigma.get("timeline").get("user").isObject()).isTrue();
        JsonNode domain = byName(finished, "domain");
        assertThat(domain.get("status").get(0).get("status").asString()).isEqualTo("DONE");
        assertThat(domain.get("result").asString()).isEqualTo("1 domains discovered (1 registrable domains) in 1 events, and 0 known CDN networks found");
        assertThat(domain.get("parameters").asString()).isEqualTo("{}");

        String index = timeline.indexName();
        assertThat(server.store().count(SearchRequest.builder(index)
                .query("tag:\"sigma_" + ruleTitle + "\"").build())).isEqualTo(1);
        assertThat(server.store().count(SearchRequest.builder(index)
                .query("tld:\"example.co.uk\" AND domain:\"www.example.co.uk\"").build())).isEqualTo(1);

        // The same with a trailing slash, as AnalyzerResult sends it.
        assertThat(await(sessionIds, analysis() + "/")).hasSize(2);
    }

    @Test
    void aRunThatHasRunIsNotRepeatedUnlessForced() throws Exception {
        List<Long> first = sessions(run(alice, List.of("domain"), null, true));
        await(first, analysis());
        TsClient.Response again = run(alice, List.of("domain"), null, false);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("objects")).isEmpty();
        List<Long> forced = sessions(run(alice, List.of("domain"), null, true));
        assertThat(forced).doesNotContainAnyElementsOf(first);
        await(forced, analysis());
    }

    @Test
    void anAnalyzerThatFailsEndsInErrorWithItsReason() throws Exception {
        List<Long> ids = sessions(run(alice, List.of("sigma"), Map.of("sigma", Map.of("rule_uuid", "no-such-rule")), true));
        JsonNode failed = await(ids, analysis()).get(0);
        assertThat(failed.get("status").get(0).get("status").asString()).isEqualTo("ERROR");
        assertThat(failed.get("result").asString()).isEqualTo("No active Sigma rule with id no-such-rule.");
    }

    @Test
    void brokenRequestsAre400Or404WithAMessage() {
        TsClient.Response noTimelines = alice.post(analyzer(), TsClient.map("analyzer_names", List.of("domain")));
        assertThat(noTimelines.status()).isEqualTo(400);
        assertThat(noTimelines.json().get("message").asString()).contains("timeline_ids");
        TsClient.Response unknown = run(alice, List.of("nope*"), null, false);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).contains("No analyzer matches").contains("domain");
        int analyses = analysisCount();
        TsClient.Response badKwargs = run(alice, List.of("domain"), Map.of("domain", "x"), true);
        assertThat(badKwargs.status()).isEqualTo(400);
        assertThat(badKwargs.json().get("message").asString()).contains("analyzer_kwargs.domain");
        // Refused before anything is written: no session, no pending analysis.
        assertThat(analysisCount()).isEqualTo(analyses);
        long otherSketch = Fixtures.sketch(alice, "Other");
        TsClient.Response foreign = alice.post("/api/v1/sketches/" + otherSketch + "/analyzer/",
                TsClient.map("timeline_ids", List.of(timeline.timelineId()), "analyzer_names", List.of("domain")));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/sketches/" + otherSketch + "/timelines/" + timeline.timelineId() + "/analysis/")
                .status()).isEqualTo(404);
    }

    @Test
    void anotherUserGetsNothing() {
        TsClient.Response list = bob.get(analyzer());
        assertThat(list.status()).isEqualTo(403);
        TsClient.Response runByBob = run(bob, List.of("domain"), null, true);
        assertThat(runByBob.status()).isEqualTo(403);
        assertThat(runByBob.body()).doesNotContain("analyses");
        TsClient.Response status = bob.get(analysis());
        assertThat(status.status()).isEqualTo(403);
        assertThat(status.body()).doesNotContain("analyzer_name");
        assertThat(bob.get("/api/v1/sketches/999999/analyzer/").status()).isEqualTo(404);
        assertThat(new TsClient(server.url()).get(analysis()).status()).isIn(401, 403);
    }
}
