package org.timesmith.server.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;

/** PUT sigmarules/{uuid}/: a rule replaced by new YAML with the same id, only by its owner. */
class SigmaRuleUpdateApiTest {

    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        TestServer server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    private static String yaml(String title, String id, String keyword) {
        return """
                title: %s
                id: %s
                description: looks for %s
                logsource:
                    product: linux
                detection:
                    keywords:
                        - '%s'
                    condition: keywords
                """.formatted(title, id, keyword, keyword);
    }

    @Test
    void updateReplacesTitleAndQuery() {
        String id = UUID.randomUUID().toString();
        assertThat(alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", yaml("Old", id, "zmap"))).status())
                .isEqualTo(201);
        TsClient.Response updated = alice.put("/api/v1/sigmarules/" + id + "/",
                TsClient.map("rule_yaml", yaml("New", id, "nmap")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("objects").get(0).get("title").asString()).isEqualTo("New");
        assertThat(updated.json().get("objects").get(0).get("query_string").asString()).contains("nmap");
        var stored = alice.get("/api/v1/sigmarules/" + id + "/").json().get("objects").get(0);
        assertThat(stored.get("title").asString()).isEqualTo("New");
        assertThat(stored.get("search_query").asString()).contains("nmap").doesNotContain("zmap");

        String other = UUID.randomUUID().toString();
        assertThat(alice.put("/api/v1/sigmarules/" + id + "/", TsClient.map("rule_yaml", yaml("X", other, "x")))
                .status()).isEqualTo(400);
        assertThat(alice.put("/api/v1/sigmarules/" + id + "/", TsClient.map("rule_yaml", "")).status()).isEqualTo(400);
        assertThat(alice.put("/api/v1/sigmarules/" + other + "/", TsClient.map("rule_yaml", yaml("X", other, "x")))
                .status()).isEqualTo(404);
    }

    @Test
    void anotherUserMayNotUpdateTheRule() {
        String id = UUID.randomUUID().toString();
        assertThat(alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", yaml("Alice's", id, "zmap"))).status())
                .isEqualTo(201);
        assertThat(bob.put("/api/v1/sigmarules/" + id + "/", TsClient.map("rule_yaml", yaml("Bob's", id, "x")))
                .status()).isEqualTo(403);
        assertThat(alice.get("/api/v1/sigmarules/" + id + "/").json().get("objects").get(0).get("title").asString())
                .isEqualTo("Alice's");
    }
}
