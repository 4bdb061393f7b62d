package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/** The upload form's {@code headersMapping} and {@code delimiter} (§11.2, §12.1, §12.2). */
class HeadersMappingUploadTest {

    private static TsClient alice;

    @BeforeAll
    static void start() {
        alice = TestServer.shared().login("alice");
    }

    private static TsClient.Response csv(long sketchId, String name, String content, String mapping, String delimiter) {
        Map<String, String> form = Uploads.form(sketchId, name);
        if (mapping != null) {
            form.put("headersMapping", mapping);
        }
        if (delimiter != null) {
            form.put("delimiter", delimiter);
        }
        return alice.multipart("/api/v1/upload/", form, Map.of(),
                Map.of("file", Map.entry(name + ".csv", content.getBytes(StandardCharsets.UTF_8))));
    }

    private static JsonNode firstEvent(long sketchId) {
        return alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", "_all", "size", 10), "fields", "message,datetime,timestamp_desc,when,desc,"
                        + "host,user,extra")).json().get("objects").get(0).get("_source");
    }

    @Test
    void csvColumnsAreRenamedCombinedAndDefaultedWithAGivenDelimiter() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Mapped CSV");
        String content = "when;host;user;extra\n2024-03-01T10:00:00Z;ws1;alice;x\n2024-03-01T10:00:05Z;ws2;bob;y\n";
        String mapping = "[{\"target\": \"datetime\", \"source\": [\"when\"], \"default_value\": null},"
                + "{\"target\": \"message\", \"source\": [\"host\", \"user\"], \"default_value\": null},"
                + "{\"target\": \"timestamp_desc\", \"source\": null, \"default_value\": \"Logon\"}]";
        TsClient.Response response = csv(sketchId, "mapped", content, mapping, ";");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode timeline = Uploads.waitForImport(alice, sketchId,
                response.json().get("objects").get(0).get("id").asLong());
        assertThat(timeline.get("status").get(0).get("status").asString()).as(timeline.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(2);
        JsonNode event = firstEvent(sketchId);
        assertThat(event.get("message").asString()).isEqualTo("host: ws1 | user: alice");
        assertThat(event.get("timestamp_desc").asString()).isEqualTo("Logon");
        assertThat(event.get("datetime").asString()).startsWith("2024-03-01T10:00:00");
        assertThat(event.has("when")).isFalse();
        assertThat(event.get("host").asString()).isEqualTo("ws1");
    }

    @Test
    void streamedJsonlEventsAreMappedToo() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Mapped JSONL");
        Map<String, String> form = Uploads.form(sketchId, "jsonl");
        form.put("headersMapping", "[{\"target\": \"message\", \"source\": [\"desc\"], \"default_value\": null},"
                + "{\"target\": \"timestamp_desc\", \"source\": [], \"default_value\": \"Seen\"}]");
        TsClient.Response response = alice.multipart("/api/v1/upload/", form, Map.of("events",
                "{\"desc\": \"first\", \"datetime\": \"2024-03-01T10:00:00Z\"}\n"
                        + "{\"desc\": \"second\", \"datetime\": \"2024-03-01T10:00:01Z\", \"timestamp_desc\": \"Own\"}"),
                Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode timeline = Uploads.waitForImport(alice, sketchId,
                response.json().get("objects").get(0).get("id").asLong());
        assertThat(timeline.get("status").get(0).get("status").asString()).as(timeline.toString()).isEqualTo("ready");
        JsonNode page = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", "_all", "size", 10))).json().get("objects");
        assertThat(page.get(0).get("_source").get("message").asString()).isEqualTo("first");
        assertThat(page.get(0).get("_source").get("timestamp_desc").asString()).isEqualTo("Seen");
        assertThat(page.get(1).get("_source").get("timestamp_desc").asString()).isEqualTo("Own");
    }

    @Test
    void mappingProblemsAreRefusedWithAClear400() {
        long sketchId = Fixtures.sketch(alice, "Bad mappings");
        String content = "when,what,kind\n2024-03-01T10:00:00Z,m,k\n";
        assertBad(csv(sketchId, "a", content, "{not json", null), "headersMapping is not valid JSON");
        assertBad(csv(sketchId, "b", content, "{\"target\": \"message\"}", null), "must be a JSON list");
        assertBad(csv(sketchId, "c", content, "[{\"source\": [\"what\"]}]", null), "headersMapping[0]: target");
        assertBad(csv(sketchId, "d", content, "[{\"target\": \"message\", \"source\": null}]", null),
                "message needs a source column or a default_value");
        assertBad(csv(sketchId, "e", content, "[{\"target\": \"message\", \"source\": \"what\"}]", null),
                "source must be a list");
        assertBad(csv(sketchId, "f", content, "[{\"target\": \"message\", \"source\": [\"what\"]},"
                + "{\"target\": \"message\", \"source\": [\"kind\"]}]", null), "mapped twice");
        assertBad(csv(sketchId, "g", content, "[{\"target\": \"message\", \"source\": [\"nope\"]}]", null),
                "g.csv has no column nope (its header: when, what, kind)");
        assertBad(csv(sketchId, "h", content, "[{\"target\": \"message\", \"source\": [\"what\"]}]", null),
                "Missing mandatory CSV headers in h.csv after the headersMapping: datetime, timestamp_desc");
        assertBad(csv(sketchId, "i", content, null, ";;"), "delimiter must be a single character");
        JsonNode sketch = alice.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0);
        assertThat(sketch.get("timelines")).isEmpty();
    }

    @Test
    void aChunkedCsvIsCheckedWhenItsLastChunkArrives() {
        long sketchId = Fixtures.sketch(alice, "Chunked mapping");
        byte[] content = "when,what\n2024-03-01T10:00:00Z,m\n".getBytes(StandardCharsets.UTF_8);
        int half = content.length / 2;
        String mapping = "[{\"target\": \"message\", \"source\": [\"what\", \"missing\"]}]";
        for (int i = 0; i < 2; i++) {
            Map<String, String> form = Uploads.form(sketchId, "chunked");
            form.put("headersMapping", mapping);
            form.put("total_file_size", String.valueOf(content.length));
            form.put("chunk_total_chunks", "2");
            form.put("chunk_index_name", "mappedchunks");
            form.put("chunk_index", String.valueOf(i));
            form.put("chunk_byte_offset", String.valueOf(i * half));
            byte[] part = java.util.Arrays.copyOfRange(content, i * half, i == 0 ? half : content.length);
            TsClient.Response response = alice.multipart("/api/v1/upload/", form, Map.of(),
                    Map.of("file", Map.entry("chunked.csv", part)));
            if (i == 0) {
                assertThat(response.status()).as(response.body()).isEqualTo(201);
            } else {
                assertBad(response, "chunked.csv has no column missing");
            }
        }
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0).get("timelines"))
                .isEmpty();
    }

    private static void assertBad(TsClient.Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains(message);
    }
}
