package org.timesmith.server.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class SketchApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    @Test
    void createAnswers201WithTheFullSketchModel() {
        TsClient.Response created = alice.post("/api/v1/sketches/", TsClient.map("name", "Case 1", "description", "d"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode sketch = created.json().get("objects").get(0);
        assertThat(sketch.get("id").asLong()).isPositive();
        assertThat(sketch.get("name").asString()).isEqualTo("Case 1");
        assertThat(sketch.get("status").get(0).get("status").asString()).isEqualTo("new");
        assertThat(TsClient.JSON.readTree(sketch.get("my_permissions").asString()).toString())
                .isEqualTo("[\"read\",\"write\",\"delete\"]");
        assertThat(TsClient.JSON.readTree(sketch.get("all_permissions").asString()).get("user/alice").size()).isEqualTo(3);
    }

    @Test
    void getHasEveryKeyOfTheContract() {
        long id = Fixtures.sketch(alice, "Shape");
        Fixtures.timeline(server, alice, id, "evtx", Fixtures.events(5));
        JsonNode body = alice.get("/api/v1/sketches/" + id + "/").json();
        JsonNode sketch = body.get("objects").get(0);
        for (String key : List.of("id", "name", "description", "user", "timelines", "active_timelines", "graphs",
                "label_string", "status", "all_permissions", "my_permissions", "created_at", "updated_at")) {
            assertThat(sketch.has(key)).as(key).isTrue();
        }
        JsonNode timeline = sketch.get("timelines").get(0);
        assertThat(timeline.get("searchindex").get("index_name").asString()).startsWith("idx");
        assertThat(timeline.get("name").asString()).isEqualTo("evtx");
        JsonNode meta = body.get("meta");
        for (String key : List.of("aggregators", "views", "stories", "searchtemplates", "emojis", "permissions",
                "collaborators", "attributes", "mappings", "indices_metadata", "stats_per_timeline", "last_activity",
                "sketch_labels", "filter_labels")) {
            assertThat(meta.has(key)).as(key).isTrue();
        }
        assertThat(meta.get("stats_per_timeline").get(timeline.get("id").asString()).get("count").asLong()).isEqualTo(5);
        assertThat(meta.get("mappings").toString()).contains("\"field\":\"message\"");
    }

    @Test
    void listPagesUntilNextPageIsNull() {
        TsClient carol = newUser("lister");
        for (int i = 0; i < 3; i++) {
            Fixtures.sketch(carol, "page " + i);
        }
        JsonNode first = carol.get("/api/v1/sketches/?per_page=2&scope=user&include_archived=True&page=1").json();
        assertThat(first.get("objects").size()).isEqualTo(2);
        assertThat(first.get("objects").get(0).get("user").asString()).isEqualTo("lister");
        assertThat(first.get("meta").get("next_page").asInt()).isEqualTo(2);
        assertThat(first.get("meta").get("total_items").asInt()).isEqualTo(3);
        JsonNode second = carol.get("/api/v1/sketches/?per_page=2&scope=user&include_archived=True&page=2").json();
        assertThat(second.get("objects").size()).isEqualTo(1);
        assertThat(second.get("meta").get("next_page").isNull()).isTrue();
    }

    @Test
    void renameDescribeAndLabel() {
        long id = Fixtures.sketch(alice, "Old");
        assertThat(alice.post("/api/v1/sketches/" + id + "/", TsClient.map("name", "New")).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/sketches/" + id + "/", TsClient.map("description", "about")).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/sketches/" + id + "/",
                TsClient.map("labels", List.of("important"), "label_action", "add")).status()).isEqualTo(201);
        JsonNode sketch = alice.get("/api/v1/sketches/" + id + "/").json().get("objects").get(0);
        assertThat(sketch.get("name").asString()).isEqualTo("New");
        assertThat(sketch.get("description").asString()).isEqualTo("about");
        assertThat(sketch.get("label_string").asString()).isEqualTo("[\"important\"]");
        alice.post("/api/v1/sketches/" + id + "/", TsClient.map("labels", List.of("important"), "label_action", "remove"));
        assertThat(alice.get("/api/v1/sketches/" + id + "/").json().get("objects").get(0).get("label_string").asString())
                .isEmpty();
        assertThat(alice.post("/api/v1/sketches/" + id + "/",
                TsClient.map("labels", List.of("x"), "label_action", "flip")).status()).isEqualTo(400);
        // As Timesketch: an empty name or description keeps the old one.
        assertThat(alice.post("/api/v1/sketches/" + id + "/", TsClient.map("name", "", "description", "")).status())
                .isEqualTo(201);
        JsonNode kept = alice.get("/api/v1/sketches/" + id + "/").json().get("objects").get(0);
        assertThat(kept.get("name").asString()).isEqualTo("New");
        assertThat(kept.get("description").asString()).isEqualTo("about");
    }

    @Test
    void aProtectedLabelPreventsDeletionEvenByAnAdministrator() {
        long id = Fixtures.sketch(alice, "Keep");
        alice.post("/api/v1/sketches/" + id + "/", TsClient.map("labels", List.of("protected"), "label_action", "add"));
        TsClient.Response refused = alice.delete("/api/v1/sketches/" + id + "/");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("[protected]");
        assertThat(server.login("admin").delete("/api/v1/sketches/" + id + "/?force=true").status()).isEqualTo(403);
        assertThat(alice.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorSeesAndForceDeletesASoftDeletedSketchItsOwnerNoLongerSees() {
        long id = Fixtures.sketch(alice, "Soft");
        TsClient admin = server.login("admin");
        assertThat(admin.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(200);
        assertThat(alice.delete("/api/v1/sketches/" + id + "/").status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/sketches/" + id + "/").json().get("objects").get(0).get("status").get(0)
                .get("status").asString()).isEqualTo("deleted");
        assertThat(admin.delete("/api/v1/sketches/" + id + "/?force=true").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(404);
    }

    @Test
    void archiveAndUnarchive() {
        long id = Fixtures.sketch(alice, "To archive");
        assertThat(alice.get("/api/v1/sketches/" + id + "/archive/").json().get("meta").get("is_archived").asBoolean())
                .isFalse();
        assertThat(alice.post("/api/v1/sketches/" + id + "/archive/", TsClient.map("action", "archive")).status())
                .isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + id + "/archive/").json().get("meta").get("is_archived").asBoolean())
                .isTrue();
        assertThat(alice.post("/api/v1/sketches/" + id + "/archive/", TsClient.map("action", "archive")).status())
                .isEqualTo(400);
        assertThat(alice.delete("/api/v1/sketches/" + id + "/").status()).isEqualTo(400);
        assertThat(alice.post("/api/v1/sketches/" + id + "/archive/", TsClient.map("action", "unarchive")).status())
                .isEqualTo(200);
        assertThat(alice.post("/api/v1/sketches/" + id + "/archive/", TsClient.map("action", "shred")).status())
                .isEqualTo(404);
    }

    @Test
    void softDeleteHidesTheSketchAndForceDeleteIsForAdmins() {
        long id = Fixtures.sketch(alice, "Doomed");
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, id, "t", Fixtures.events(3));
        assertThat(alice.delete("/api/v1/sketches/" + id + "/?force=true").status()).isEqualTo(403);
        TsClient.Response deleted = alice.delete("/api/v1/sketches/" + id + "/");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("200");
        assertThat(alice.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(404);
        TsClient admin = server.login("admin");
        assertThat(admin.delete("/api/v1/sketches/" + id + "/?force=true").status()).isEqualTo(200);
        assertThat(server.store().indexExists(timeline.indexName())).isFalse();
        assertThat(admin.delete("/api/v1/sketches/" + id + "/?force=true").status()).isEqualTo(404);
    }

    @Test
    void attributesAddUpdateAndRemove() {
        long id = Fixtures.sketch(alice, "Attributes");
        TsClient.Response added = alice.post("/api/v1/sketches/" + id + "/attribute/",
                TsClient.map("name", "case", "values", List.of("IR-7"), "ontology", "text"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("action").asString()).isEqualTo("create");
        assertThat(alice.post("/api/v1/sketches/" + id + "/attribute/",
                TsClient.map("name", "case", "values", List.of("IR-8"), "ontology", "text")).json().get("action")
                .asString()).isEqualTo("update");
        JsonNode attributes = alice.get("/api/v1/sketches/" + id + "/").json().get("meta").get("attributes");
        assertThat(attributes.get("case").get("value").asString()).isEqualTo("IR-8");
        assertThat(attributes.get("case").get("ontology").asString()).isEqualTo("text");
        assertThat(alice.delete("/api/v1/sketches/" + id + "/attribute/",
                TsClient.map("name", "case", "ontology", "text")).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + id + "/").json().get("meta").get("attributes").size()).isZero();
        assertThat(alice.post("/api/v1/sketches/" + id + "/attribute/",
                TsClient.map("name", "empty", "values", List.of())).status()).isEqualTo(400);
    }

    /** The web UI's threat intelligence panel writes Timesketch's {"data": [...]} as JSON text and reads it back as an object. */
    @Test
    void intelligenceAttributeRoundTripsAsTheWebUiWritesIt() {
        long id = Fixtures.sketch(alice, "Intelligence");
        String data = "{\"data\":[{\"ioc\":\"10.1.2.3\",\"type\":\"ipv4\",\"tags\":[\"c2\"]}]}";
        assertThat(alice.post("/api/v1/sketches/" + id + "/attribute/", TsClient.map("name", "intelligence",
                "ontology", "intelligence", "values", List.of(data))).status()).isEqualTo(200);
        JsonNode value = alice.get("/api/v1/sketches/" + id + "/").json().get("meta").get("attributes")
                .get("intelligence").get("value");
        assertThat(value.get("data").get(0).get("ioc").asString()).isEqualTo("10.1.2.3");
        assertThat(value.get("data").get(0).get("tags").get(0).asString()).isEqualTo("c2");
        assertThat(alice.post("/api/v1/sketches/" + id + "/attribute/", TsClient.map("name", "intelligence",
                "ontology", "intelligence", "values", List.of("{broken"))).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + id + "/").json().get("meta").get("attributes")
                .get("intelligence").get("value").asString()).isEqualTo("{broken");
        assertThat(bob.post("/api/v1/sketches/" + id + "/attribute/", TsClient.map("name", "intelligence",
                "ontology", "intelligence", "values", List.of(data))).status()).isIn(403, 404);
    }

    @Test
    void collaboratorsGetAccessAndLoseIt() {
        long id = Fixtures.sketch(alice, "Shared");
        TsClient frank = newUser("frank");
        assertThat(frank.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/sketches/" + id + "/collaborators/",
                TsClient.map("users", List.of("frank"), "permissions", "[\"read\"]")).status()).isEqualTo(200);
        JsonNode sketch = frank.get("/api/v1/sketches/" + id + "/").json();
        assertThat(TsClient.JSON.readTree(sketch.get("objects").get(0).get("my_permissions").asString()).toString())
                .isEqualTo("[\"read\"]");
        assertThat(frank.post("/api/v1/sketches/" + id + "/", TsClient.map("name", "mine")).status()).isEqualTo(403);
        assertThat(frank.get("/api/v1/sketches/?scope=shared").json().get("objects").toString()).contains("Shared");
        alice.post("/api/v1/sketches/" + id + "/collaborators/", TsClient.map("remove_users", List.of("frank")));
        assertThat(frank.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(403);
    }

    @Test
    void groupsAndPublicAccess() {
        long id = Fixtures.sketch(alice, "Team");
        TsClient gina = newUser("gina");
        server.admin().addGroup("team-" + id, "");
        server.admin().groupMember("team-" + id, "gina", true);
        alice.post("/api/v1/sketches/" + id + "/collaborators/",
                TsClient.map("groups", List.of("team-" + id), "permissions", "[\"read\", \"write\"]"));
        assertThat(gina.post("/api/v1/sketches/" + id + "/", TsClient.map("description", "by gina")).status())
                .isEqualTo(201);
        TsClient hank = newUser("hank");
        assertThat(hank.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(403);
        alice.post("/api/v1/sketches/" + id + "/collaborators/", TsClient.map("public", "true"));
        assertThat(hank.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(200);
        assertThat(hank.post("/api/v1/sketches/" + id + "/", TsClient.map("name", "x")).status()).isEqualTo(403);
        alice.post("/api/v1/sketches/" + id + "/collaborators/", TsClient.map("users", List.of("alice")));
        assertThat(hank.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(403);
    }

    @Test
    void cannotGrantWhatYouDoNotHold() {
        long id = Fixtures.sketch(alice, "Grants");
        TsClient ivan = newUser("ivan");
        alice.post("/api/v1/sketches/" + id + "/collaborators/",
                TsClient.map("users", List.of("ivan"), "permissions", "[\"read\", \"write\"]"));
        assertThat(ivan.post("/api/v1/sketches/" + id + "/collaborators/",
                TsClient.map("users", List.of("bob"), "permissions", "[\"delete\"]")).status()).isEqualTo(403);
        assertThat(ivan.post("/api/v1/sketches/" + id + "/collaborators/",
                TsClient.map("users", List.of("nobody-here"))).status()).isEqualTo(400);
    }

    @Test
    void anotherUserSeesNothingOfTheSketch() {
        long id = Fixtures.sketch(alice, "Private");
        String base = "/api/v1/sketches/" + id + "/";
        assertThat(bob.get(base).status()).isEqualTo(403);
        assertThat(bob.get(base).body()).doesNotContain("Private");
        assertThat(bob.post(base, TsClient.map("name", "pwned")).status()).isEqualTo(403);
        assertThat(bob.delete(base).status()).isEqualTo(403);
        assertThat(bob.get(base + "archive/").status()).isEqualTo(403);
        assertThat(bob.post(base + "archive/", TsClient.map("action", "archive")).status()).isEqualTo(403);
        assertThat(bob.post(base + "attribute/", TsClient.map("name", "a", "values", List.of("b"))).status())
                .isEqualTo(403);
        assertThat(bob.delete(base + "attribute/", TsClient.map("name", "a", "ontology", "text")).status())
                .isEqualTo(403);
        assertThat(bob.post(base + "collaborators/", TsClient.map("users", List.of("bob"))).status()).isEqualTo(403);
        assertThat(bob.get("/api/v1/sketches/?scope=all").body()).doesNotContain("Private");
        assertThat(bob.get("/api/v1/sketches/?scope=admin").status()).isEqualTo(403);
        assertThat(bob.get("/api/v1/sketches/999999/").status()).isEqualTo(404);
    }

    private static TsClient newUser(String name) {
        server.admin().addUser(name, TestServer.PASSWORD, false);
        return server.login(name);
    }
}
