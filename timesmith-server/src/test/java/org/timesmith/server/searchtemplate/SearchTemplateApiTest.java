package org.timesmith.server.searchtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.dfiq.DfiqTestServer;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class SearchTemplateApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static TsClient admin;

    @BeforeAll
    static void start() {
        server = DfiqTestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        admin = server.login("admin");
    }

    private static JsonNode ok(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode find(JsonNode list, long id) {
        for (JsonNode t : list) {
            if (t.get("id").asLong() == id) {
                return t;
            }
        }
        return null;
    }

    @Test
    void theLibrarysQueryStepsArePublicTemplates() {
        JsonNode list = ok(bob.get("/api/v1/searchtemplates/"));
        JsonNode templates = list.get("objects").get(0);
        assertThat(templates.size()).isGreaterThanOrEqualTo(10);
        JsonNode usn = null;
        for (JsonNode t : templates) {
            if (t.get("query_string").asString().contains("USN_REASON_RENAME_OLD_NAME")) {
                usn = t;
            }
        }
        assertThat(usn).isNotNull();
        for (String key : List.of("id", "name", "description", "short_name", "user", "query_string", "query_filter",
                "query_dsl", "template_uuid", "template_json", "created_at", "updated_at")) {
            assertThat(usn.has(key)).as(key).isTrue();
        }
        assertThat(usn.get("short_name").asString()).isEqualTo("Q1001");
        assertThat(usn.get("user").get("username").isNull()).isTrue();
        assertThat(TsClient.JSON.readTree(usn.get("template_json").asString()).get("step").get("type").asString())
                .isEqualTo("opensearch-query");
        assertThat(list.get("meta").get("collection").isArray()).isTrue();
        long id = usn.get("id").asLong();
        assertThat(ok(bob.get("/api/v1/searchtemplates/" + id + "/")).get("objects").get(0).get("template_uuid")
                .asString()).isEqualTo(usn.get("template_uuid").asString());
        assertThat(ok(bob.post("/api/v1/searchtemplates/" + id + "/parse/", TsClient.map())).get("objects").get(0)
                .get("query_string").asString()).isEqualTo(
                "data_type:\"fs:ntfs:usn_change\" filename:crdownload \"USN_REASON_RENAME_OLD_NAME\"");
        assertThat(bob.delete("/api/v1/searchtemplates/" + id + "/").status())
                .as("only an administrator deletes a library template").isEqualTo(403);
        long sketchId = Fixtures.sketch(bob, "Templates in the sketch");
        assertThat(bob.get("/api/v1/sketches/" + sketchId + "/").json().get("meta").get("searchtemplates").toString())
                .contains("\"id\":" + id);
    }

    @Test
    void aTemplateFromASavedSearchIsItsCreatorsAndParsesParameters() {
        long sketchId = Fixtures.sketch(alice, "Template source");
        String views = "/api/v1/sketches/" + sketchId + "/views/";
        TsClient.Response view = alice.post(views, TsClient.map("name", "Logins of {{ username }}",
                "description", "Secret template", "query", "user:{{ username }} AND host:{{host}}",
                "filter", TsClient.map("indices", "_all", "chips", List.of(
                        TsClient.map("type", "datetime_range", "value", "2024-01-01,2024-01-02", "active", true,
                                "operator", "must"),
                        TsClient.map("type", "term", "field", "data_type", "value", "test:event", "active", true,
                                "operator", "must"))),
                "dsl", ""));
        assertThat(view.status()).as(view.body()).isEqualTo(201);
        long viewId = view.json().get("objects").get(0).get("id").asLong();

        assertThat(bob.post("/api/v1/searchtemplates/", TsClient.map("search_id", viewId)).status())
                .as("no access to the saved search's sketch").isEqualTo(403);
        JsonNode created = ok(alice.post("/api/v1/searchtemplates/", TsClient.map("search_id", viewId)))
                .get("objects").get(0);
        long id = created.get("id").asLong();
        assertThat(created.get("name").asString()).isEqualTo("Logins of {{ username }}");
        assertThat(created.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(created.get("query_string").asString()).isEqualTo("user:{{ username }} AND host:{{host}}");
        assertThat(created.get("query_filter").asString()).doesNotContain("datetime_range").contains("test:event");
        assertThat(alice.post("/api/v1/searchtemplates/", TsClient.map("search_id", viewId)).status())
                .as("saved once").isEqualTo(400);
        assertThat(alice.post("/api/v1/searchtemplates/", TsClient.map("search_id", 999_999)).status()).isEqualTo(404);
        JsonNode list = ok(alice.get("/api/v1/searchtemplates/"));
        assertThat(list.get("meta").get("collection").toString())
                .contains("\"search_id\":" + viewId + ",\"template_id\":" + id + ",\"sketch_id\":" + sketchId);

        JsonNode parsed = ok(alice.post("/api/v1/searchtemplates/" + id + "/parse/",
                TsClient.map("username", "root", "host", "web.example.com/x")));
        assertThat(parsed.get("objects").get(0).get("query_string").asString())
                .isEqualTo("user:root AND host:web\\.example\\.com\\/x");
        assertThat(parsed.get("meta").isObject()).isTrue();

        // someone else: the template does not exist for them
        assertThat(find(ok(bob.get("/api/v1/searchtemplates/")).get("objects").get(0), id)).isNull();
        for (TsClient.Response answer : List.of(bob.get("/api/v1/searchtemplates/" + id + "/"),
                bob.post("/api/v1/searchtemplates/" + id + "/parse/", TsClient.map("username", "x")),
                bob.delete("/api/v1/searchtemplates/" + id + "/"))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("Secret", "Logins", "objects");
        }
        JsonNode byAdmin = ok(admin.get("/api/v1/searchtemplates/" + id + "/"));
        assertThat(byAdmin.get("objects").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(byAdmin.get("meta").get("sketch_ids").get(0).asLong()).isEqualTo(sketchId);

        assertThat(ok(alice.delete("/api/v1/searchtemplates/" + id + "/")).asInt()).isEqualTo(200);
        assertThat(alice.get("/api/v1/searchtemplates/" + id + "/").status()).isEqualTo(404);
    }

    @Test
    void templatesOnlySubstituteParameters() {
        JsonNode created = ok(alice.post("/api/v1/searchtemplates/", TsClient.map("name", "Jinja",
                "query_string", "{% if x %}a{% endif %}"))).get("objects").get(0);
        TsClient.Response parsed = alice.post("/api/v1/searchtemplates/" + created.get("id").asLong() + "/parse/",
                TsClient.map("x", true));
        assertThat(parsed.status()).isEqualTo(400);
        assertThat(parsed.json().get("message").asString()).contains("Search template syntax error");
        assertThat(alice.post("/api/v1/searchtemplates/", TsClient.map("name", "No query")).status()).isEqualTo(400);
        assertThat(QueryTemplate.render("a:{{ missing }} b:{{n}} c:{{flag}}",
                TsClient.JSON.readTree("{\"n\": 5, \"flag\": false}"))).isEqualTo("a: b:5 c:False");
    }
}
