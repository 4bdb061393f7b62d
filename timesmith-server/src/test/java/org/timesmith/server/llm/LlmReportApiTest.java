package org.timesmith.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code llm_starred_events_report} and {@code llm_synthesize} over HTTP with a fake OpenAI-compatible
 * model: the report sees the starred events with their tags, labels and comments (authors named),
 * duplicates folded, and is saved as a story; the event limit; nothing starred; a synthesis of a
 * question's conclusions by a user and an automated analysis; unknown and foreign questions; users
 * without access or without write access; a model that is down.
 */
class LlmReportApiTest {

    private static final String REPORT = "# Report\nAlice found the bad entry.";
    private static FakeChatModel model;
    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static TsClient carol;
    private static TsClient dave;
    private static long sketchId;

    @BeforeAll
    static void start() {
        model = new FakeChatModel(prompt -> prompt.contains("incident report") ? "```markdown\n" + REPORT + "\n```"
                : "The conclusions agree: data left via USB.");
        server = new TestServer(TestServer.createHome(), true, Map.of(
                "timesmith.llm.features.llm_starred_events_report.provider", "model",
                "timesmith.llm.features.llm_synthesize.provider", "model",
                "timesmith.llm.starred-report.max-events", "5",
                "timesmith.llm.providers.model.type", "openai",
                "timesmith.llm.providers.model.server-url", model.url(),
                "timesmith.llm.providers.model.model", "test-model"));
        server.admin().addUser("carol", TestServer.PASSWORD, false);
        server.admin().addUser("dave", TestServer.PASSWORD, false);
        alice = server.login("alice");
        bob = server.login("bob");
        carol = server.login("carol");
        dave = server.login("dave");
        sketchId = Fixtures.sketch(alice, "LLM reports");
        Fixtures.TimelineRef first = Fixtures.timeline(server, alice, sketchId, "entries", Fixtures.events(20));
        Fixtures.TimelineRef copy = Fixtures.timeline(server, alice, sketchId, "copy", Fixtures.events(20));
        assertThat(alice.post(base() + "collaborators/", TsClient.map("users", List.of("bob"),
                "permissions", "[\"read\", \"write\"]")).status()).isEqualTo(200);
        assertThat(alice.post(base() + "collaborators/", TsClient.map("users", List.of("dave"),
                "permissions", "[\"read\"]")).status()).isEqualTo(200);
        List<Map<String, Object>> refs = refs(first, 3);
        List<Map<String, Object>> copies = refs(copy, 1);
        annotate(alice, "__ts_star", "label", List.of(refs.get(0), refs.get(1), refs.get(2), copies.get(0)));
        annotate(alice, "looks bad", "comment", List.of(refs.get(1)));
        annotate(bob, "agreed, root did it", "comment", List.of(refs.get(1)));
        annotate(alice, "suspicious", "label", List.of(refs.get(2)));
        assertThat(alice.post(base() + "event/tagging/", TsClient.map("tag_string", "[\"evil\"]",
                "events", List.of(refs.get(2)), "verbose", false)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @BeforeEach
    void clear() {
        model.prompts().clear();
        model.down(false);
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    /** The first {@code count} events of the timeline, oldest first, as annotation references. */
    private static List<Map<String, Object>> refs(Fixtures.TimelineRef timeline, int count) {
        JsonNode hits = alice.post(base() + "explore/", TsClient.map("query", "*", "filter", TsClient.map(
                "indices", List.of(timeline.timelineId()), "size", count, "order", "asc", "chips", List.of())))
                .json().get("objects");
        List<Map<String, Object>> refs = new ArrayList<>();
        hits.forEach(h -> refs.add(TsClient.map("_id", h.get("_id").asString(), "_index", timeline.indexName(),
                "_type", "generic_event")));
        return refs;
    }

    private static void annotate(TsClient user, String annotation, String type, List<Map<String, Object>> events) {
        TsClient.Response response = user.post(base() + "event/annotate/", TsClient.map("annotation", annotation,
                "annotation_type", type, "events", events));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static TsClient.Response llm(TsClient user, long sketch, Object... body) {
        return user.post("/api/v1/sketches/" + sketch + "/llm/", TsClient.map(body));
    }

    @Test
    void theStarredEventsReportSeesTheAnalystsAnnotationsAndIsSavedAsAStory() {
        TsClient.Response response = llm(bob, sketchId, "feature", "llm_starred_events_report");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("summary").asString()).isEqualTo(REPORT);
        assertThat(answer.get("summary_event_count").asLong()).isEqualTo(4);
        assertThat(answer.get("summary_unique_event_count").asLong()).as("the copy's starred event is a duplicate").isEqualTo(3);
        JsonNode story = alice.get(base() + "stories/" + answer.get("story_id").asLong() + "/").json().get("objects").get(0);
        assertThat(story.get("title").asString()).matches("Starred Events Report - \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(story.get("content").asString()).contains("Alice found the bad entry.").doesNotContain("```");
        assertThat(model.prompts()).singleElement().asString()
                .contains("{\"datetime\":\"2024-01-01T00:00:00Z\",\"message\":\"entry 0 even\",\"tags\":[],\"labels\":[],\"comments\":[]}")
                .contains("\"message\":\"entry 1 odd\",\"tags\":[],\"labels\":[],\"comments\":[{\"author\":\"alice\","
                        + "\"comment\":\"looks bad\"},{\"author\":\"bob\",\"comment\":\"agreed, root did it\"}]}")
                .contains("\"message\":\"entry 2 even\",\"tags\":[\"evil\"],\"labels\":[\"suspicious\"]")
                .doesNotContain("entry 3 odd").doesNotContain("__ts_");
    }

    @Test
    void theReportFollowsTheRequestsQueryAndRefusesTooManyEvents() {
        TsClient.Response tooMany = llm(alice, sketchId, "feature", "llm_starred_events_report", "query", "*",
                "filter", TsClient.map("indices", "_all"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("Too many events (40) for a starred events report; the limit is 5"
                + " (timesmith.llm.starred-report.max-events).");
        TsClient.Response chip = llm(alice, sketchId, "feature", "llm_starred_events_report", "query", "*",
                "filter", TsClient.map("indices", "_all", "chips", List.of(TsClient.map("type", "label",
                        "value", "__ts_star", "operator", "must", "active", true))));
        assertThat(chip.status()).as(chip.body()).isEqualTo(200);
        assertThat(chip.json().get("summary_event_count").asLong()).isEqualTo(4);
        assertThat(model.prompts()).hasSize(1);
    }

    @Test
    void nothingToReportOnIsSaidWithoutAskingTheModel() {
        long empty = Fixtures.sketch(alice, "Nothing starred");
        Fixtures.timeline(server, alice, empty, "entries", Fixtures.events(3));
        TsClient.Response response = llm(alice, empty, "feature", "llm_starred_events_report");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("summary").asString()).startsWith("No events to report on");
        assertThat(response.json().get("summary_event_count").asLong()).isZero();
        assertThat(response.json().get("story_id").isNull()).isTrue();
        assertThat(alice.get("/api/v1/sketches/" + empty + "/stories/").body()).doesNotContain("Starred Events Report");
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void synthesisSeesTheQuestionAndEveryConclusionWithItsAuthor() {
        long questionId = question(sketchId, "Was data exfiltrated?");
        String q = base() + "questions/" + questionId + "/conclusions/";
        assertThat(alice.post(q, TsClient.map("conclusionText", "Yes, via USB.")).status()).isIn(200, 201);
        assertThat(bob.post(q, TsClient.map("conclusionText", "Likely, the USB log shows a copy.", "automated", true))
                .status()).isIn(200, 201);
        TsClient.Response response = llm(dave, sketchId, "feature", "llm_synthesize", "question_id", questionId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"response\":\"The conclusions agree: data left via USB.\"}");
        assertThat(model.prompts()).singleElement().asString()
                .contains("Question: Was data exfiltrated?")
                .contains("Conclusion 1 (by alice):\nYes, via USB.")
                .containsPattern("Conclusion 2 \\(by AI[^)]*\\):\nLikely, the USB log shows a copy.");
    }

    @Test
    void unknownForeignOrMissingQuestionsAreRefused() {
        long other = Fixtures.sketch(alice, "Other case");
        long foreign = question(other, "Who logged in?");
        assertThat(llm(alice, sketchId, "feature", "llm_synthesize", "question_id", foreign).status()).isEqualTo(404);
        assertThat(llm(alice, sketchId, "feature", "llm_synthesize", "question_id", 987654).status()).isEqualTo(404);
        TsClient.Response missing = llm(alice, sketchId, "feature", "llm_synthesize");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("llm_synthesize needs a question_id");
        assertThat(llm(alice, sketchId, "feature", "llm_synthesize", "question_id", "x1").status()).isEqualTo(400);
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void usersWithoutAccessGetNothingAndReadersCannotSaveAReport() {
        long questionId = question(sketchId, "Which host?");
        TsClient.Response synth = llm(carol, sketchId, "feature", "llm_synthesize", "question_id", questionId);
        assertThat(synth.status()).isIn(403, 404);
        assertThat(synth.body()).doesNotContain("Which host?");
        TsClient.Response report = llm(carol, sketchId, "feature", "llm_starred_events_report");
        assertThat(report.status()).isIn(403, 404);
        assertThat(report.body()).doesNotContain("entry");
        long carols = Fixtures.sketch(carol, "Carol's own");
        TsClient.Response smuggled = llm(carol, carols, "feature", "llm_synthesize", "question_id", questionId);
        assertThat(smuggled.status()).as("alice's question through carol's own sketch").isEqualTo(404);
        assertThat(smuggled.body()).doesNotContain("Which host?");
        TsClient.Response reader = llm(dave, sketchId, "feature", "llm_starred_events_report");
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.body()).contains("needs write access");
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void aModelThatIsDownIsA502WithTheReason() {
        model.down(true);
        long questionId = question(sketchId, "When?");
        TsClient.Response synth = llm(alice, sketchId, "feature", "llm_synthesize", "question_id", questionId);
        assertThat(synth.status()).isEqualTo(502);
        assertThat(synth.body()).contains("Unable to execute LLM feature (llm_synthesize): the model at " + model.url()
                + "/v1/chat/completions answered HTTP 503: overloaded");
        int stories = reports();
        TsClient.Response report = llm(alice, sketchId, "feature", "llm_starred_events_report");
        assertThat(report.status()).isEqualTo(502);
        assertThat(report.body()).contains("Unable to execute LLM feature (llm_starred_events_report)");
        assertThat(reports()).as("no story without a report").isEqualTo(stories);
    }

    private static int reports() {
        return alice.get(base() + "stories/").body().split("Starred Events Report - ", -1).length - 1;
    }

    private static long question(long sketch, String text) {
        TsClient.Response response = alice.post("/api/v1/sketches/" + sketch + "/questions/", TsClient.map("question_text", text));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("objects").get(0).get("id").asLong();
    }
}
