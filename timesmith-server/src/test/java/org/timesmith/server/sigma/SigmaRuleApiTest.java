package org.timesmith.server.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** The Sigma rule endpoints as the Python client drives them (§2.9). */
class SigmaRuleApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    static String rule(String uuid, String title) {
        return """
                title: %s
                id: %s
                status: test
                description: Detects zmap installed through apt
                author: Timesmith tests
                logsource:
                    product: linux
                    service: shell
                detection:
                    keywords:
                        - 'apt-get install zmap'
                    condition: keywords
                level: high
                """.formatted(title, uuid);
    }

    private static String create(TsClient client, String title) {
        String uuid = UUID.randomUUID().toString();
        TsClient.Response created = client.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", rule(uuid, title)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode object = created.json().get("objects").get(0);
        assertThat(object.get("rule_uuid").asString()).isEqualTo(uuid);
        assertThat(object.get("id").isIntegralNumber()).isTrue();
        assertThat(object.get("title").asString()).isEqualTo(title);
        assertThat(object.get("query_string").asString()).endsWith(" AND \"apt-get install zmap\"");
        assertThat(object.get("user").get("username").asString()).isNotEmpty();
        assertThat(object.get("rule_yaml").asString()).contains("zmap");
        return uuid;
    }

    @Test
    void installedRuleIsListedAndReadWithItsQuery() {
        String uuid = create(alice, "Zmap listed");

        JsonNode rule = alice.get("/api/v1/sigmarules/" + uuid).json().get("objects").get(0);
        assertThat(rule.get("title").asString()).isEqualTo("Zmap listed");
        assertThat(rule.get("id").asString()).isEqualTo(uuid);
        assertThat(rule.get("rule_uuid").asString()).isEqualTo(uuid);
        assertThat(rule.get("level").asString()).isEqualTo("high");
        assertThat(rule.get("logsource").get("service").asString()).isEqualTo("shell");
        assertThat(rule.get("detection").get("condition").asString()).isEqualTo("keywords");
        assertThat(rule.get("search_query").asString())
                .isEqualTo("(data_type:\"shell:zsh:history\" OR data_type:\"bash:history:command\""
                        + " OR data_type:\"apt:history:line\" OR data_type:\"selinux:line\") AND \"apt-get install zmap\"");
        // The API client page prints the rule with es_query: both names, one value.
        assertThat(rule.get("es_query").asString()).isEqualTo(rule.get("search_query").asString());
        assertThat(rule.has("file_name")).isTrue();
        assertThat(rule.has("created_at")).isTrue();
        assertThat(rule.get("rule_yaml").asString()).contains("zmap");

        JsonNode list = bob.get("/api/v1/sigmarules/").json();
        assertThat(list.get("objects").isArray()).isTrue();
        assertThat(list.get("meta").get("rules_count").asInt()).isEqualTo(list.get("objects").size());
        JsonNode entry = null;
        for (JsonNode r : list.get("objects")) {
            if (r.get("rule_uuid").asString().equals(uuid)) {
                entry = r;
            }
        }
        assertThat(entry).isNotNull();
        for (String key : new String[] {"rule_uuid", "id", "created_at", "updated_at", "title", "description",
                "rule_yaml", "status", "search_query"}) {
            assertThat(entry.has(key)).as(key).isTrue();
        }
        assertThat(entry.get("status").asString()).isEqualTo("test");
        assertThat(entry.get("es_query").asString()).isEqualTo(entry.get("search_query").asString()).isNotBlank();
    }

    @Test
    void ruleTextIsParsedWithoutInstalling() {
        TsClient.Response parsed = alice.post("/api/v1/sigmarules/text/",
                TsClient.map("title", "Get_Sigma_by_text", "content", rule("", "From text").replace("id: \n", "")));
        assertThat(parsed.status()).as(parsed.body()).isEqualTo(200);
        assertThat(parsed.json().get("meta").get("parsed").asBoolean()).isTrue();
        JsonNode rule = parsed.json().get("objects").get(0);
        assertThat(rule.get("title").asString()).isEqualTo("From text");
        assertThat(rule.get("search_query").asString()).endsWith("AND \"apt-get install zmap\"");
        assertThat(rule.get("es_query").asString()).isEqualTo(rule.get("search_query").asString());

        TsClient.Response broken = alice.post("/api/v1/sigmarules/text/",
                TsClient.map("title", "bad", "content", "title: x\ndetection:\n  sel:\n    ip|fieldref: other\n  condition: sel\n"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("message").asString()).contains("modifier 'fieldref'");
        assertThat(alice.post("/api/v1/sigmarules/text/", TsClient.map("title", "empty")).status()).isEqualTo(400);
    }

    @Test
    void brokenDuplicateAndUnconvertibleRulesAreRefusedWithAMessage() {
        String uuid = create(alice, "Zmap twice");
        TsClient.Response duplicate = bob.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", rule(uuid, "Again")));
        assertThat(duplicate.status()).isEqualTo(403);
        assertThat(duplicate.json().get("message").asString()).contains(uuid);

        TsClient.Response yaml = alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", "title: [unclosed"));
        assertThat(yaml.status()).isEqualTo(400);
        assertThat(yaml.json().get("message").asString()).contains("not valid YAML");

        TsClient.Response noId = alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml",
                rule("x", "No id").replace("id: x\n", "")));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().get("message").asString()).contains("no id");

        TsClient.Response aggregation = alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml",
                rule(UUID.randomUUID().toString(), "Count").replace("condition: keywords", "condition: keywords | count() > 3")));
        assertThat(aggregation.status()).isEqualTo(400);
        assertThat(aggregation.json().get("message").asString()).contains("aggregation conditions");

        assertThat(alice.post("/api/v1/sigmarules/", TsClient.map()).status()).isEqualTo(400);
    }

    @Test
    void onlyTheOwnerOrAnAdminDeletesARule() {
        String uuid = create(alice, "Zmap deleted");
        TsClient.Response forbidden = bob.delete("/api/v1/sigmarules/" + uuid);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(alice.get("/api/v1/sigmarules/" + uuid).status()).isEqualTo(200);

        TsClient.Response deleted = alice.delete("/api/v1/sigmarules/" + uuid);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("200");
        assertThat(alice.get("/api/v1/sigmarules/" + uuid).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/sigmarules/" + uuid).status()).isEqualTo(404);

        String other = create(bob, "Zmap by bob");
        assertThat(server.login("admin").delete("/api/v1/sigmarules/" + other + "/").status()).isEqualTo(200);
    }

    @Test
    void anonymousUsersSeeNoRules() {
        TsClient anonymous = new TsClient(server.url());
        assertThat(anonymous.get("/api/v1/sigmarules/").status()).isIn(401, 403);
        assertThat(anonymous.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", rule(UUID.randomUUID().toString(), "x")))
                .status()).isIn(401, 403);
    }
}
