package org.timesmith.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST sketches/{id}/llm/} through an OpenAI-compatible provider (a fake chat server on
 * loopback that answers by the prompt and keeps the prompts): nl2q grounded in the sketch's fields
 * and data types, a summary of all 1,200 matching events (more than a page), a feature that is not
 * configured, an unknown feature, a model that is down, and a user without access.
 */
class LlmApiTest {

    private static FakeChatModel model;
    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;

    @BeforeAll
    static void start() {
        model = new FakeChatModel(prompt -> prompt.startsWith("Translate") ? "`user:root AND data_type:\"test:event\"`\n"
                : "Routine entries.");
        String url = model.url();
        server = new TestServer(TestServer.createHome(), true, Map.of(
                "timesmith.llm.features.nl2q.provider", "model",
                "timesmith.llm.features.llm_summarize.provider", "model",
                "timesmith.llm.providers.model.type", "openai",
                "timesmith.llm.providers.model.server-url", url,
                "timesmith.llm.providers.model.model", "test-model"));
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "LLM features");
        Fixtures.timeline(server, alice, sketchId, "entries", Fixtures.events(1200));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    private static String llm() {
        return "/api/v1/sketches/" + sketchId + "/llm/";
    }

    @Test
    void nl2qIsGroundedInTheSketchsFieldsAndDataTypes() {
        model.prompts().clear();
        TsClient.Response response = alice.post(llm(), TsClient.map("feature", "nl2q", "question", "What did root do?",
                "filter", TsClient.map("indices", "_all")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().toString())
                .isEqualTo("{\"name\":\"AI generated search query\",\"query_string\":\"user:root AND data_type:\\\"test:event\\\"\",\"error\":null}");
        assertThat(model.prompts()).singleElement().asString().contains("Use only these fields: ").contains("user")
                .contains("The events' data types (the data_type field) are: test:event.").endsWith("Question: What did root do?");
    }

    @Test
    void aSummaryCoversEveryMatchingEventNotOnlyAPage() {
        model.prompts().clear();
        TsClient.Response response = alice.post(llm(), TsClient.map("feature", "llm_summarize", "query", "*",
                "filter", TsClient.map("indices", "_all", "size", 40)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().toString())
                .isEqualTo("{\"response\":\"Routine entries.\",\"summary_event_count\":1200,\"summary_unique_event_count\":1200}");
        assertThat(model.prompts()).singleElement().satisfies(p -> {
            assertThat(p).startsWith("Summarise these 1200 log events");
            assertThat(p.lines().filter(l -> l.startsWith("1× entry "))).hasSize(300);
        });
        TsClient.Response even = alice.post(llm(), TsClient.map("feature", "llm_summarize", "query", "even",
                "filter", TsClient.map("indices", "_all")));
        assertThat(even.json().get("summary_event_count").asLong()).isEqualTo(600);
    }

    @Test
    void badRequestsAreRefused() {
        TsClient.Response unknown = alice.post(llm(), TsClient.map("feature", "poetry"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown LLM feature \\\"poetry\\\"; the features are [llm_starred_events_report, llm_summarize, llm_synthesize, nl2q]");
        TsClient.Response noQuestion = alice.post(llm(), TsClient.map("feature", "nl2q"));
        assertThat(noQuestion.status()).isEqualTo(400);
        assertThat(noQuestion.body()).contains("nl2q needs a question.");
    }

    @Test
    void aFeatureThatIsNotConfiguredIsA400() {
        TestServer shared = TestServer.shared();
        TsClient carol = shared.login("alice");
        long other = Fixtures.sketch(carol, "No LLM");
        Fixtures.timeline(shared, carol, other, "entries", Fixtures.events(3));
        TsClient.Response response = carol.post("/api/v1/sketches/" + other + "/llm/", TsClient.map("feature", "nl2q",
                "question", "anything"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("The LLM feature nl2q is not configured on this server");
    }

    @Test
    void anotherUserGetsNothing() {
        model.prompts().clear();
        TsClient.Response response = bob.post(llm(), TsClient.map("feature", "llm_summarize", "query", "*"));
        assertThat(response.status()).isIn(403, 404);
        assertThat(response.body()).doesNotContain("entry");
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void aModelThatFailsIsA502WithTheReason() {
        FakeChatModel failing = new FakeChatModel(prompt -> "unused");
        failing.down(true);
        try (TestServer other = new TestServer(TestServer.createHome(), true, Map.of(
                "timesmith.llm.features.nl2q.provider", "model", "timesmith.llm.providers.model.type", "openai",
                "timesmith.llm.providers.model.server-url", failing.url()))) {
            TsClient carol = other.login("alice");
            long id = Fixtures.sketch(carol, "Failing model");
            Fixtures.timeline(other, carol, id, "entries", Fixtures.events(3));
            TsClient.Response response = carol.post("/api/v1/sketches/" + id + "/llm/", TsClient.map("feature", "nl2q",
                    "question", "anything"));
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.body()).contains("Unable to execute LLM feature (nl2q): the model at "
                    + failing.url() + "/v1/chat/completions answered HTTP 503: overloaded");
            JsonNode settings = carol.get("/api/v1/settings/").json();
            assertThat(settings.get("LLM_FEATURES_AVAILABLE").toString()).isEqualTo("{\"default\":true,\"nl2q\":true}");
        } finally {
            failing.close();
        }
    }
}
