package org.timesmith.server.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** intelligence/tagmetadata/, contextlinks/ and unfurl/: global, for signed-in users only. */
class IntelligenceApiTest {

    private static TestServer server;
    private static TsClient alice;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
    }

    @Test
    void tagMetadataAndContextLinks() {
        JsonNode tags = alice.get("/api/v1/intelligence/tagmetadata/").json();
        assertThat(tags.get("malware").get("type").asString()).isEqualTo("danger");
        assertThat(tags.has("regexes")).isTrue();
        JsonNode links = alice.get("/api/v1/contextlinks/").json();
        assertThat(links.get("url").get(0).get("type").asString()).isEqualTo("hardcoded_modules");
        assertThat(links.get("url").get(0).get("module").asString()).isEqualTo("unfurl_graph");
    }

    @Test
    void unfurlTakesTheUrlApart() {
        TsClient.Response response = alice.post("/api/v1/unfurl/", TsClient.map("url",
                "https://user@www.example.co.uk:8443/a/b%20c?q=evil+thing&next=https%3A%2F%2Fother.org%2Fx#top"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode graph = response.json();
        List<String> labels = new ArrayList<>();
        graph.get("nodes").forEach(n -> labels.add(n.get("label").asString()));
        assertThat(labels).contains("scheme: https", "host: www.example.co.uk", "port: 8443", "segment 2: b c",
                "q: evil thing", "fragment: top", "host: other.org");
        assertThat(graph.get("edges").size()).isEqualTo(graph.get("nodes").size() - 1);
        assertThat(alice.post("/api/v1/unfurl/", TsClient.map("other", 1)).status()).isEqualTo(400);
        assertThat(alice.post("/api/v1/unfurl/", TsClient.map("url", "not a url")).status()).isEqualTo(400);
    }

    @Test
    void anonymousUsersGetNothing() {
        TsClient anonymous = new TsClient(server.url());
        assertThat(anonymous.get("/api/v1/intelligence/tagmetadata/").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/contextlinks/").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/unfurl/", TsClient.map("url", "https://example.org/")).status())
                .isIn(401, 403);
    }
}
