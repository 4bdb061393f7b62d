package org.timesmith.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;

/** The {@code timesmith.json.*} limits are settings: a server started with small ones refuses what exceeds them. */
class JsonLimitsTest {

    private static TestServer server;
    private static TsClient alice;
    private static long sketchId;

    @BeforeAll
    static void start() {
        server = new TestServer(TestServer.createHome(), true, Map.of("timesmith.json.max-nesting-depth", "20",
                "timesmith.json.max-document-length", "64KB", "timesmith.json.max-string-length", "16KB"));
        alice = server.login("alice");
        sketchId = Fixtures.sketch(alice, "Limits");
        Fixtures.timeline(server, alice, sketchId, "limits", Fixtures.events(4));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TsClient.Response explore(String json) {
        return alice.raw("/api/v1/sketches/" + sketchId + "/explore/", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesWithinTheLimitsWork() {
        TsClient.Response nested = explore("{\"query\": \"*\", \"filter\": {\"x\": " + "[".repeat(10) + "]".repeat(10)
                + "}}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(200);
    }

    @Test
    void bodiesBeyondTheLimitsAreRefusedNamingTheSetting() {
        TsClient.Response deep = explore("{\"query\": \"*\", \"filter\": {\"x\": " + "[".repeat(30) + "]".repeat(30)
                + "}}");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("message").asString()).contains("timesmith.json", "nesting depth");
        TsClient.Response longString = explore("{\"query\": \"" + "a".repeat(20_000) + "\"}");
        assertThat(longString.status()).isEqualTo(400);
        assertThat(longString.json().get("message").asString()).contains("timesmith.json", "String value length");
        TsClient.Response longDocument = explore("{\"query\": \"*\", \"padding\": ["
                + "\"0123456789\",".repeat(10_000) + "\"end\"]}");
        assertThat(longDocument.status()).isEqualTo(400);
        assertThat(longDocument.json().get("message").asString()).contains("timesmith.json", "Document length");
        // a DSL given as text inside the body is read with the same limits
        TsClient.Response dsl = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "",
                "dsl", "{\"a\":".repeat(30) + "1" + "}".repeat(30)));
        assertThat(dsl.status()).isEqualTo(400);
        assertThat(dsl.json().get("message").asString()).contains("nesting depth");
        assertThat(explore("{\"query\": \"*\"}").status()).isEqualTo(200);
    }
}
