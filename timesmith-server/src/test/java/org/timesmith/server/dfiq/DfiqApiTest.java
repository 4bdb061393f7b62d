package org.timesmith.server.dfiq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class DfiqApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static DfiqCatalog catalog;

    @BeforeAll
    static void start() {
        server = DfiqTestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        catalog = DfiqCatalog.load(DfiqCatalogTest.library());
    }

    private static String base(long sketchId) {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    private static JsonNode ok(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode addScenario(long sketchId, String dfiqId) {
        return ok(alice.post(base(sketchId) + "scenarios/", TsClient.map("dfiq_id", dfiqId))).get("objects").get(0);
    }

    @Test
    void theLibraryIsListedAsTimesketchListsIt() {
        JsonNode scenarios = ok(alice.get("/api/v1/scenarios/")).get("objects");
        assertThat(scenarios).hasSize(6);
        List<String> uuids = new ArrayList<>();
        scenarios.forEach(s -> uuids.add(s.get("uuid").asString()));
        assertThat(uuids).isSorted();
        JsonNode s1002 = null;
        for (JsonNode s : scenarios) {
            if (s.get("id").asString().equals("S1002")) {
                s1002 = s;
            }
        }
        assertThat(s1002).isNotNull();
        assertThat(s1002.get("facets").toString()).contains("a32311a0-0673-4921-855f-65a305756495");
        assertThat(s1002.get("parent_ids").isArray()).isTrue();
        assertThat(s1002.get("child_ids").isArray()).isTrue();
        JsonNode questions = ok(alice.get("/api/v1/questions/")).get("objects");
        assertThat(questions).hasSize(90);
        JsonNode q1001 = null;
        for (JsonNode q : questions) {
            if ("Q1001".equals(q.get("id").asString(null))) {
                q1001 = q;
            }
        }
        assertThat(q1001.get("approaches").get(0).get("steps").get(2).get("type").asString()).isEqualTo("opensearch-query");
        assertThat(q1001.get("approaches").get(0).has("notes")).isTrue();
        assertThat(q1001.get("parent_ids").toString()).contains("F1008", "F1002");
        assertThat(ok(alice.get("/api/v1/settings/")).get("DFIQ_ENABLED").asBoolean()).isTrue();
        assertThat(new TsClient(server.url()).get("/api/v1/scenarios/").status()).isEqualTo(401);
        assertThat(new TsClient(server.url()).get("/api/v1/questions/").status()).isEqualTo(401);
    }

    @Test
    void aScenarioFromTheLibraryBringsItsFacetsAndQuestions() {
        long sketchId = Fixtures.sketch(alice, "DFIQ scenario");
        DfiqTemplate template = catalog.byId("S1002").orElseThrow();
        JsonNode scenario = addScenario(sketchId, "S1002");
        long scenarioId = scenario.get("id").asLong();
        assertThat(scenario.get("dfiq_identifier").asString()).isEqualTo("S1002");
        assertThat(scenario.get("uuid").asString()).isEqualTo(template.uuid());
        assertThat(scenario.get("display_name").asString()).isEqualTo(template.name());
        assertThat(scenario.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(scenario.get("status").isArray()).isTrue();
        assertThat(scenario.get("status")).isEmpty();
        assertThat(TsClient.JSON.readTree(scenario.get("spec_json").asString()).get("uuid").asString())
                .isEqualTo(template.uuid());
        List<DfiqTemplate> facets = catalog.children(template, DfiqTemplate.Type.FACET);
        assertThat(scenario.get("facets")).hasSize(facets.size());
        JsonNode facet = scenario.get("facets").get(0);
        assertThat(facet.has("questions")).isTrue();
        assertThat(facet.get("saved_searches").isArray()).isTrue();

        JsonNode list = ok(alice.get(base(sketchId) + "scenarios/")).get("objects");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).hasSize(1);
        assertThat(list.get(0).get(0).get("id").asLong()).isEqualTo(scenarioId);

        JsonNode facetList = ok(alice.get(base(sketchId) + "scenarios/" + scenarioId + "/facets/")).get("objects").get(0);
        assertThat(facetList).hasSize(facets.size());
        DfiqTemplate firstFacet = catalog.byUuid(facetList.get(0).get("uuid").asString()).orElseThrow();
        JsonNode facetQuestions = ok(alice.get(base(sketchId) + "scenarios/" + scenarioId + "/facets/"
                + facetList.get(0).get("id").asLong() + "/questions/")).get("objects");
        int expected = catalog.children(firstFacet, DfiqTemplate.Type.QUESTION).size();
        assertThat(expected == 0 ? facetQuestions : facetQuestions.get(0)).hasSize(expected);

        JsonNode own = ok(alice.get(base(sketchId) + "scenarios/" + scenarioId + "/questions/"));
        if (catalog.children(template, DfiqTemplate.Type.QUESTION).isEmpty()) {
            assertThat(own.toString()).as("Timesketch's answer for none").isEqualTo("{\"objects\":[[]]}");
        }

        JsonNode renamed = ok(alice.post(base(sketchId) + "scenarios/" + scenarioId + "/",
                TsClient.map("scenario_name", "Insider case"))).get("objects").get(0);
        assertThat(renamed.get("display_name").asString()).isEqualTo("Insider case");
        assertThat(renamed.get("name").asString()).isEqualTo(template.name());
        JsonNode status = ok(alice.post(base(sketchId) + "scenarios/" + scenarioId + "/status/",
                TsClient.map("status", "active"))).get("objects").get(0).get("status");
        assertThat(status.get(0).get("status").asString()).isEqualTo("active");
        assertThat(ok(alice.get(base(sketchId) + "scenarios/?status=active")).get("objects").get(0)).hasSize(1);
        assertThat(ok(alice.get(base(sketchId) + "scenarios/?status=closed")).get("objects")).isEmpty();
        assertThat(ok(alice.get(base(sketchId) + "scenarios/" + scenarioId + "/")).get("objects").get(0)
                .get("display_name").asString()).isEqualTo("Insider case");

        assertThat(alice.post(base(sketchId) + "scenarios/", TsClient.map("dfiq_id", "S9999")).status()).isEqualTo(404);
        assertThat(alice.post(base(sketchId) + "scenarios/", TsClient.map()).status()).isEqualTo(400);
        assertThat(alice.post(base(sketchId) + "scenarios/", TsClient.map("dfiq_id", "Q1001")).status())
                .as("a question is not a scenario").isEqualTo(404);
        JsonNode byName = ok(alice.post(base(sketchId) + "scenarios/", TsClient.map("display_name",
                catalog.byId("S1001").orElseThrow().name()))).get("objects").get(0);
        assertThat(byName.get("dfiq_identifier").asString()).isEqualTo("S1001");
    }

    @Test
    void aQuestionFromTheLibraryHasItsApproachesAndTheirSearchTemplates() {
        long sketchId = Fixtures.sketch(alice, "DFIQ question");
        JsonNode question = ok(alice.post(base(sketchId) + "questions/", TsClient.map("template_id", "Q1001")))
                .get("objects").get(0);
        assertThat(question.get("dfiq_identifier").asString()).isEqualTo("Q1001");
        assertThat(question.get("status").get("status").asString()).isEqualTo("new");
        assertThat(question.get("labels")).isEmpty();
        assertThat(question.get("conclusions")).isEmpty();
        JsonNode approach = question.get("approaches").get(0);
        assertThat(approach.get("name").asString()).isEqualTo("Detect browser downloads via change journal records");
        assertThat(TsClient.JSON.readTree(approach.get("spec_json").asString()).get("steps")).hasSize(4);
        JsonNode templates = approach.get("search_templates");
        assertThat(templates).hasSize(2);
        assertThat(templates.get(0).get("query_string").asString())
                .isEqualTo("data_type:\"fs:ntfs:usn_change\" filename:crdownload \"USN_REASON_RENAME_OLD_NAME\"");
        assertThat(templates.get(0).get("short_name").asString()).isEqualTo("Q1001");
        assertThat(templates.get(0).has("template_uuid")).isTrue();

        JsonNode listed = ok(alice.get("/api/v1/searchtemplates/")).get("objects").get(0);
        assertThat(listed.toString()).contains(templates.get(0).get("template_uuid").asString());

        JsonNode orphans = ok(alice.get(base(sketchId) + "questions/")).get("objects").get(0);
        assertThat(orphans).hasSize(1);
        assertThat(alice.post(base(sketchId) + "questions/", TsClient.map("template_id", "Q0000")).status())
                .isEqualTo(404);
        assertThat(alice.post(base(sketchId) + "questions/", TsClient.map("question_text", " ")).status())
                .isEqualTo(400);
    }

    @Test
    void ownQuestionsAreUpdatedAndConcluded() {
        long sketchId = Fixtures.sketch(alice, "DFIQ conclusions");
        TsClient.Response collaborators = alice.post(base(sketchId) + "collaborators/",
                TsClient.map("users", List.of("bob"), "permissions", "[\"read\", \"write\"]"));
        assertThat(collaborators.status()).as(collaborators.body()).isEqualTo(200);
        JsonNode question = ok(alice.post(base(sketchId) + "questions/",
                TsClient.map("question_text", "Was data exfiltrated?"))).get("objects").get(0);
        long questionId = question.get("id").asLong();
        String q = base(sketchId) + "questions/" + questionId + "/";
        assertThat(question.get("uuid").asString()).isNotEmpty();
        assertThat(question.get("dfiq_identifier").isNull()).isTrue();

        JsonNode updated = ok(alice.post(q, TsClient.map("status", "pending-review", "priority", "__ts_priority_high",
                "display_name", "Exfiltration?", "attributes", List.of(TsClient.map("name", "attack_stage",
                        "value", "exfiltration"))))).get("objects").get(0);
        assertThat(updated.get("status").get("status").asString()).isEqualTo("pending-review");
        assertThat(updated.get("display_name").asString()).isEqualTo("Exfiltration?");
        assertThat(updated.get("name").asString()).isEqualTo("Was data exfiltrated?");
        assertThat(updated.get("labels").get(0).get("name").asString()).isEqualTo("__ts_priority_high");
        JsonNode low = ok(alice.post(q, TsClient.map("priority", "__ts_priority_low"))).get("objects").get(0);
        assertThat(low.get("labels")).hasSize(1);
        assertThat(low.get("labels").get(0).get("name").asString()).isEqualTo("__ts_priority_low");
        assertThat(alice.post(q, TsClient.map("status", "done")).status()).isEqualTo(400);
        assertThat(alice.post(q, TsClient.map("priority", "urgent")).status()).isEqualTo(400);
        assertThat(ok(alice.get(q)).get("objects").get(0).get("id").asLong()).isEqualTo(questionId);

        JsonNode created = ok(alice.post(q + "conclusions/", TsClient.map("conclusionText", "Yes, via USB.",
                "priority", "high", "status", "pending-review", "attributes", TsClient.map("attack_stage", "exfiltration"))));
        long mine = created.get("meta").get("new_conclusion_id").asLong();
        JsonNode conclusion = created.get("objects").get(0).get("conclusions").get(0);
        assertThat(conclusion.get("id").asLong()).isEqualTo(mine);
        assertThat(conclusion.get("conclusion").asString()).isEqualTo("Yes, via USB.");
        assertThat(conclusion.get("automated").asBoolean()).isFalse();
        assertThat(conclusion.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(conclusion.get("source").asString()).isEqualTo("USER");
        assertThat(conclusion.get("priority").asString()).isEqualTo("high");
        assertThat(conclusion.get("status").asString()).isEqualTo("pending-review");
        assertThat(conclusion.get("attributes").get("attack_stage").asString()).isEqualTo("exfiltration");
        assertThat(conclusion.get("conclusion_events")).isEmpty();
        JsonNode again = ok(alice.post(q + "conclusions/", TsClient.map("conclusionText", "Yes, via USB stick.")));
        assertThat(again.get("meta").get("new_conclusion_id").asLong()).as("one own conclusion per user").isEqualTo(mine);
        long automated = ok(alice.post(q + "conclusions/", TsClient.map("conclusionText", "Likely.", "automated", true)))
                .get("meta").get("new_conclusion_id").asLong();
        assertThat(automated).isNotEqualTo(mine);
        JsonNode list = ok(alice.get(q + "conclusions/")).get("objects").get(0);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("conclusion").asString()).isEqualTo("Yes, via USB stick.");
        assertThat(list.get(1).get("automated").asBoolean()).isTrue();
        assertThat(list.get(1).get("source").asString()).isEqualTo("AI_GENERATED");
        assertThat(list.get(1).get("user").get("username").isNull()).isTrue();

        JsonNode edited = ok(alice.put(q + "conclusions/" + mine + "/", TsClient.map("conclusionText", "Confirmed.",
                "status", "verified"))).get("objects").get(0);
        assertThat(edited.get("conclusions").get(0).get("conclusion").asString()).isEqualTo("Confirmed.");
        assertThat(edited.get("conclusions").get(0).get("status").asString()).isEqualTo("verified");
        assertThat(alice.put(q + "conclusions/" + automated + "/", TsClient.map("conclusionText", "x")).status())
                .as("an automated conclusion's text is nobody's to edit").isEqualTo(403);
        assertThat(alice.put(q + "conclusions/" + automated + "/", TsClient.map("status", "verified", "priority", "high"))
                .status()).as("only its review status").isEqualTo(403);
        JsonNode reviewed = ok(bob.put(q + "conclusions/" + automated + "/", TsClient.map("status", "verified")))
                .get("objects").get(0).get("conclusions").get(1);
        assertThat(reviewed.get("status").asString()).as("a collaborator accepts it").isEqualTo("verified");
        assertThat(reviewed.get("conclusion").asString()).isEqualTo("Likely.");
        assertThat(bob.put(q + "conclusions/" + automated + "/", TsClient.map("status", "maybe")).status()).isEqualTo(400);
        assertThat(alice.post(q + "conclusions/", TsClient.map("priority", "urgent")).status()).isEqualTo(400);

        // bob, a collaborator with write access, may delete the automated conclusion but not alice's
        assertThat(bob.put(q + "conclusions/" + mine + "/", TsClient.map("conclusionText", "No.")).status()).isEqualTo(403);
        assertThat(bob.delete(q + "conclusions/" + mine + "/").status()).isEqualTo(403);
        assertThat(ok(bob.delete(q + "conclusions/" + automated + "/")).get("objects").get(0).get("conclusions"))
                .hasSize(1);
        assertThat(ok(alice.delete(q + "conclusions/" + mine + "/")).get("objects").get(0).get("conclusions")).isEmpty();
        assertThat(alice.delete(q + "conclusions/" + mine + "/").status()).isEqualTo(404);
    }

    @Test
    void factsLinkEventsToAConclusionWithTimesketchsLabel() {
        long sketchId = Fixtures.sketch(alice, "DFIQ facts");
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketchId, "facts", Fixtures.events(3));
        JsonNode hits = alice.post(base(sketchId) + "explore/", TsClient.map("query", "*",
                "filter", TsClient.map("size", 3))).json().get("objects");
        String eventId = hits.get(0).get("_id").asString();
        long questionId = ok(alice.post(base(sketchId) + "questions/", TsClient.map("question_text", "Facts?")))
                .get("objects").get(0).get("id").asLong();
        String q = base(sketchId) + "questions/" + questionId + "/";
        long conclusionId = ok(alice.post(q + "conclusions/", TsClient.map("conclusionText", "Seen.")))
                .get("meta").get("new_conclusion_id").asLong();
        Map<String, Object> ref = TsClient.map("_id", eventId, "_index", timeline.indexName());
        TsClient.Response fact = alice.post(base(sketchId) + "event/annotate/", TsClient.map("annotation", "__ts_fact",
                "annotation_type", "label", "conclusion_id", conclusionId, "events", List.of(ref)));
        assertThat(fact.status()).as(fact.body()).isEqualTo(201);
        String label = "__ts_fact_" + conclusionId;
        String event = base(sketchId) + "event/?searchindex_id=" + timeline.indexName() + "&event_id=" + eventId;
        assertThat(ok(alice.get(event)).get("objects").get("label").toString()).contains(label);
        JsonNode linked = ok(alice.get(q + "conclusions/")).get("objects").get(0).get(0).get("conclusion_events");
        assertThat(linked).hasSize(1);
        assertThat(linked.get(0).get("document_id").asString()).isEqualTo(eventId);
        assertThat(linked.get(0).get("searchindex_name").asString()).isEqualTo(timeline.indexName());
        assertThat(linked.get(0).get("sketch_id").asLong()).isEqualTo(sketchId);

        assertThat(alice.post(base(sketchId) + "event/annotate/", TsClient.map("annotation", "__ts_fact",
                "annotation_type", "label", "events", List.of(ref))).status())
                .as("a fact needs its conclusion").isEqualTo(400);
        long otherSketch = Fixtures.sketch(alice, "DFIQ facts elsewhere");
        Fixtures.TimelineRef other = Fixtures.timeline(server, alice, otherSketch, "facts2", Fixtures.events(1));
        String otherId = alice.post(base(otherSketch) + "explore/", TsClient.map("query", "*")).json()
                .get("objects").get(0).get("_id").asString();
        assertThat(alice.post(base(otherSketch) + "event/annotate/", TsClient.map("annotation", "__ts_fact",
                "annotation_type", "label", "conclusion_id", conclusionId,
                "events", List.of(TsClient.map("_id", otherId, "_index", other.indexName())))).status())
                .as("a conclusion of another sketch").isEqualTo(404);

        // deleting the conclusion takes the label off its events
        ok(alice.delete(q + "conclusions/" + conclusionId + "/"));
        assertThat(ok(alice.get(event)).get("objects").get("label").toString()).doesNotContain(label);
    }

    @Test
    void someoneWithoutAccessGetsNothing() {
        long sketchId = Fixtures.sketch(alice, "DFIQ private");
        long scenarioId = addScenario(sketchId, "S1002").get("id").asLong();
        long facetId = ok(alice.get(base(sketchId) + "scenarios/" + scenarioId + "/facets/")).get("objects").get(0)
                .get(0).get("id").asLong();
        long questionId = ok(alice.post(base(sketchId) + "questions/",
                TsClient.map("question_text", "Secret question?"))).get("objects").get(0).get("id").asLong();
        String q = base(sketchId) + "questions/" + questionId + "/";
        long conclusionId = ok(alice.post(q + "conclusions/", TsClient.map("conclusionText", "Secret answer.")))
                .get("meta").get("new_conclusion_id").asLong();
        String s = base(sketchId) + "scenarios/" + scenarioId + "/";
        List<TsClient.Response> answers = List.of(
                bob.get(base(sketchId) + "scenarios/"),
                bob.post(base(sketchId) + "scenarios/", TsClient.map("dfiq_id", "S1001")),
                bob.get(s),
                bob.post(s, TsClient.map("scenario_name", "Mine")),
                bob.post(s + "status/", TsClient.map("status", "closed")),
                bob.get(s + "facets/"),
                bob.get(s + "questions/"),
                bob.get(s + "facets/" + facetId + "/questions/"),
                bob.get(base(sketchId) + "questions/"),
                bob.post(base(sketchId) + "questions/", TsClient.map("question_text", "Mine?")),
                bob.get(q),
                bob.post(q, TsClient.map("status", "rejected")),
                bob.get(q + "conclusions/"),
                bob.post(q + "conclusions/", TsClient.map("conclusionText", "Mine.")),
                bob.put(q + "conclusions/" + conclusionId + "/", TsClient.map("conclusionText", "Mine.")),
                bob.delete(q + "conclusions/" + conclusionId + "/"));
        for (TsClient.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isIn(403, 404);
            assertThat(answer.body()).doesNotContain("Secret", "S1002", "objects");
        }
        // alice's ids under bob's own sketch are not found either
        long bobs = Fixtures.sketch(bob, "Bob's DFIQ");
        for (TsClient.Response answer : List.of(bob.get(base(bobs) + "scenarios/" + scenarioId + "/"),
                bob.get(base(bobs) + "scenarios/" + scenarioId + "/facets/"),
                bob.get(base(bobs) + "questions/" + questionId + "/"),
                bob.get(base(bobs) + "questions/" + questionId + "/conclusions/"),
                bob.post(base(bobs) + "questions/", TsClient.map("question_text", "x", "scenario_id", scenarioId)),
                bob.delete(base(bobs) + "questions/" + questionId + "/conclusions/" + conclusionId + "/"))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("Secret", "objects");
        }
        assertThat(ok(alice.get(q)).get("objects").get(0).get("status").get("status").asString()).isEqualTo("new");
    }
}
