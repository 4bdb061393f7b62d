package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

class UploadApiTest {

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
    void streamedJsonlBatchesGoToOneTimelineAndBecomeSearchable() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Streamed");
        Map<String, String> first = Uploads.form(sketchId, "stream");
        first.put("enable_stream", "True");
        TsClient.Response one = alice.multipart("/api/v1/upload/", first, Map.of("events", Uploads.jsonl(0, 30)), Map.of());
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        JsonNode timeline = one.json().get("objects").get(0);
        String indexName = timeline.get("searchindex").get("index_name").asString();
        assertThat(timeline.get("status").get(0).get("status").asString()).isIn("processing", "ready");
        assertThat(one.json().get("meta").get("task_id").asString()).isNotEmpty();
        Map<String, String> second = Uploads.form(sketchId, "stream");
        second.put("enable_stream", "False");
        second.put("index_name", indexName);
        TsClient.Response two = alice.multipart("/api/v1/upload/", second, Map.of("events", Uploads.jsonl(30, 50)), Map.of());
        assertThat(two.json().get("objects").get(0).get("id").asLong()).isEqualTo(timeline.get("id").asLong());
        JsonNode done = Uploads.waitForImport(alice, sketchId, timeline.get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(done.get("datasources").size()).isEqualTo(2);
        assertThat(done.get("datasources").get(0).get("total_file_events").asLong()).isEqualTo(30);
        assertThat(done.get("datasources").get(0).get("provider").asString()).isEqualTo("Importer library");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(50);
        String taskId = one.json().get("meta").get("task_id").asString();
        JsonNode task = alice.get("/api/v1/tasks/?job_id=" + taskId).json().get("objects").get(0);
        assertThat(task.get("task_id").asString()).isEqualTo(taskId);
        assertThat(task.get("state").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void resentBatchDoesNotDuplicate() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Resent");
        TsClient.Response one = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "again"),
                Map.of("events", Uploads.jsonl(0, 10)), Map.of());
        JsonNode timeline = one.json().get("objects").get(0);
        Map<String, String> again = Uploads.form(sketchId, "again");
        again.put("index_name", timeline.get("searchindex").get("index_name").asString());
        alice.multipart("/api/v1/upload/", again, Map.of("events", Uploads.jsonl(0, 10)), Map.of());
        JsonNode done = Uploads.waitForImport(alice, sketchId, timeline.get("id").asLong());
        assertThat(done.get("datasources").size()).isEqualTo(1);
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(10);
    }

    private static Path evtxPlaso() {
        return Fixtures.shared("plaso", "evtx_20250918.plaso");
    }

    /** Timesketch's import_plaso_filter_test: the filter keeps exactly the file's 3 fs:stat events. */
    @Test
    void aPlasoEventFilterImportsOnlyTheMatchingEvents() throws Exception {
        byte[] bytes = Files.readAllBytes(evtxPlaso());
        long sketchId = Fixtures.sketch(alice, "Plaso filtered");
        Map<String, String> fields = Uploads.form(sketchId, "evtx_20250918.plaso_filtered");
        fields.put("total_file_size", String.valueOf(bytes.length));
        fields.put("plaso_event_filter", "data_type is \"fs:stat\"");
        TsClient.Response response = alice.multipart("/api/v1/upload/", fields, Map.of(),
                Map.of("file", Map.entry("evtx_20250918.plaso", bytes)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(3);
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("plaso_event_filter").asString()).isEqualTo("data_type is \"fs:stat\"");
        assertThat(source.get("indexed_events").asLong()).isEqualTo(3);
        assertThat(source.get("filtered_events").asLong()).isPositive();
        assertThat(source.get("indexed_events").asLong() + source.get("rejected_events").asLong()
                + source.get("filtered_events").asLong()).isEqualTo(source.get("total_file_events").asLong());
        JsonNode events = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "*",
                "filter", TsClient.map("indices", "_all", "size", 10))).json().get("objects");
        assertThat(events).hasSize(3).allSatisfy(e ->
                assertThat(e.get("_source").get("data_type").asString()).isEqualTo("fs:stat"));
        String taskId = response.json().get("meta").get("task_id").asString();
        assertThat(alice.get("/api/v1/tasks/?job_id=" + taskId).json().get("objects").get(0).toString())
                .contains("left out by the plaso_event_filter");
    }

    /** The Python importer sends the filter with every chunk of a large file; the completing chunk queues the import. */
    @Test
    void aPlasoEventFilterSentWithEveryChunkApplies() throws Exception {
        byte[] bytes = Files.readAllBytes(evtxPlaso());
        long sketchId = Fixtures.sketch(alice, "Plaso filtered in chunks");
        int chunkSize = 1 << 20;
        int chunks = (bytes.length + chunkSize - 1) / chunkSize;
        TsClient.Response last = null;
        for (int i = 0; i < chunks; i++) {
            Map<String, String> fields = Uploads.form(sketchId, "chunked evtx");
            fields.put("total_file_size", String.valueOf(bytes.length));
            fields.put("chunk_total_chunks", String.valueOf(chunks));
            fields.put("chunk_index_name", "fedcba9876543210fedcba9876543210");
            fields.put("chunk_index", String.valueOf(i));
            fields.put("chunk_byte_offset", String.valueOf((long) i * chunkSize));
            fields.put("plaso_event_filter", "data_type is 'fs:stat' and timestamp > DATETIME(\"2000-01-01\")");
            byte[] part = Arrays.copyOfRange(bytes, i * chunkSize, Math.min(bytes.length, (i + 1) * chunkSize));
            last = alice.multipart("/api/v1/upload/", fields, Map.of(),
                    Map.of("file", Map.entry("evtx_20250918.plaso", part)));
            assertThat(last.status()).as(last.body()).isEqualTo(201);
        }
        JsonNode done = Uploads.waitForImport(alice, sketchId, last.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(3);
    }

    /** Not only plaso files: the filter applies to the events of any format, here a streamed JSONL batch. */
    @Test
    void aPlasoEventFilterAppliesToStreamedEventsToo() throws Exception {
        long sketchId = Fixtures.sketch(alice, "JSONL filtered");
        Map<String, String> form = Uploads.form(sketchId, "filtered stream");
        form.put("plaso_event_filter", "user is \"u1\" or message contains 'UPLOAD 2'");
        TsClient.Response response = alice.multipart("/api/v1/upload/", form, Map.of("events", Uploads.jsonl(0, 12)),
                Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        // u1: 1, 5, 9; "upload 2": 2 — so 4 of 12.
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(4);
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("total_file_events").asLong()).isEqualTo(12);
        assertThat(source.get("filtered_events").asLong()).isEqualTo(8);
        assertThat(source.get("rejected_events").asLong()).isZero();
    }

    /** A filter matching nothing leaves an empty, ready timeline: nothing failed, nothing was rejected. */
    @Test
    void aPlasoEventFilterMatchingNothingIsReadyAndEmpty() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Filtered to nothing");
        Map<String, String> form = Uploads.form(sketchId, "nothing");
        form.put("plaso_event_filter", "user is \"nobody\"");
        TsClient.Response response = alice.multipart("/api/v1/upload/", form, Map.of("events", Uploads.jsonl(0, 5)),
                Map.of());
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(done.get("datasources").get(0).get("filtered_events").asLong()).isEqualTo(5);
        assertThat(Uploads.count(alice, sketchId, "_all")).isZero();
    }

    @Test
    void aMalformedPlasoEventFilterIs400BeforeAnythingIsStaged() throws Exception {
        byte[] bytes = Files.readAllBytes(evtxPlaso());
        long sketchId = Fixtures.sketch(alice, "Bad filter");
        Map<String, String> fields = Uploads.form(sketchId, "bad filter");
        fields.put("total_file_size", String.valueOf(bytes.length));
        fields.put("plaso_event_filter", "data_type = \"fs:stat\"");
        TsClient.Response response = alice.multipart("/api/v1/upload/", fields, Map.of(),
                Map.of("file", Map.entry("evtx_20250918.plaso", bytes)));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains("plaso_event_filter")
                .contains("at character 11").contains("\"=\"").contains("unknown operator");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        Map<String, String> unquoted = Uploads.form(sketchId, "bad filter");
        unquoted.put("plaso_event_filter", "data_type is fs:stat");
        TsClient.Response events = alice.multipart("/api/v1/upload/", unquoted, Map.of("events", Uploads.jsonl(0, 3)),
                Map.of());
        assertThat(events.status()).isEqualTo(400);
        assertThat(events.json().get("message").asString()).contains("quote");
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/").json().get("objects")).isEmpty();
    }

    @Test
    void aUserWithoutAccessCannotUploadWithAPlasoEventFilter() {
        long sketchId = Fixtures.sketch(alice, "Filter not yours");
        for (String filter : List.of("data_type is \"fs:stat\"", "data_type = broken")) {
            Map<String, String> form = Uploads.form(sketchId, "x");
            form.put("plaso_event_filter", filter);
            TsClient.Response response = bob.multipart("/api/v1/upload/", form, Map.of("events", Uploads.jsonl(0, 2)),
                    Map.of());
            assertThat(response.status()).as(filter).isIn(403, 404);
        }
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/").json().get("objects")).isEmpty();
    }

    @Test
    void rejectedLinesAreListedWithLineNumbersAndReasons() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Rejections");
        String events = Uploads.jsonl(0, 5) + "\n{\"message\": \"no time\", \"timestamp_desc\": \"x\"}\n{broken json\n"
                + Uploads.jsonl(5, 7);
        TsClient.Response response = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "partly bad"),
                Map.of("events", events), Map.of());
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("total_file_events").asLong()).isEqualTo(9);
        assertThat(source.get("error_message").asString()).contains("2 of 9 records rejected").contains("line 6")
                .contains("line 7");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(7);
    }

    /** Two uploads of other names into one index_name are two timelines sharing the index. */
    @Test
    void anotherNameOnTheSameIndexIsAnotherTimelineSharingIt() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Shared index");
        Map<String, String> a = Uploads.form(sketchId, "a.csv");
        a.put("index_name", "sharedindex" + sketchId);
        JsonNode first = alice.multipart("/api/v1/upload/", a, Map.of("events", Uploads.jsonl(0, 4)), Map.of())
                .json().get("objects").get(0);
        Uploads.waitForImport(alice, sketchId, first.get("id").asLong());
        Map<String, String> b = Uploads.form(sketchId, "b.csv");
        b.put("index_name", "sharedindex" + sketchId);
        JsonNode second = alice.multipart("/api/v1/upload/", b, Map.of("events", Uploads.jsonl(10, 13)), Map.of())
                .json().get("objects").get(0);
        Uploads.waitForImport(alice, sketchId, second.get("id").asLong());
        assertThat(second.get("id").asLong()).isNotEqualTo(first.get("id").asLong());
        assertThat(second.get("searchindex").get("id").asLong()).isEqualTo(first.get("searchindex").get("id").asLong());
        assertThat(Uploads.count(alice, sketchId, List.of(first.get("id").asLong()))).isEqualTo(4);
        assertThat(Uploads.count(alice, sketchId, List.of(second.get("id").asLong()))).isEqualTo(3);
    }

    /** Timesketch's mapping guard: 100 lines of 6 new fields each need more than 1000 mapped fields. */
    @Test
    void anImportWithTooManyDistinctFieldsFailsNamingTheMappingLimit() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Mapping explosion");
        StringBuilder events = new StringBuilder();
        for (int line = 0; line < 100; line++) {
            events.append("{\"message\": \"m\", \"datetime\": \"2015-07-24T19:01:01+00:00\", \"timestamp_desc\": \"t\"");
            for (int field = 0; field < 6; field++) {
                events.append(", \"field_").append(line).append('_').append(field).append("\": \"v\"");
            }
            events.append("}\n");
        }
        TsClient.Response response = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "wide"),
                Map.of("events", events.toString()), Map.of());
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("fail");
        assertThat(done.get("datasources").get(0).get("error_message").asString())
                .contains("OPENSEARCH_MAPPING_UPPER_LIMIT").contains("upper field mapping limit of 1000");
    }

    @Test
    void aBatchWithNothingValidFailsWithTheReason() throws Exception {
        long sketchId = Fixtures.sketch(alice, "All bad");
        TsClient.Response response = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "bad"),
                Map.of("events", "{\"message\": \"no time at all\"}\n"), Map.of());
        long timelineId = response.json().get("objects").get(0).get("id").asLong();
        JsonNode done = Uploads.waitForImport(alice, sketchId, timelineId);
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("fail");
        assertThat(done.get("datasources").get(0).get("error_message").asString()).contains("line 1");
        String taskId = response.json().get("meta").get("task_id").asString();
        assertThat(alice.get("/api/v1/tasks/?job_id=" + taskId).json().get("objects").get(0).get("state").asString())
                .isEqualTo("FAILURE");
    }

    @Test
    void chunkedFileIsReassembledAndResentChunksDoNotDuplicate() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Chunked");
        StringBuilder csv = new StringBuilder("message,datetime,timestamp_desc,host\n");
        for (int i = 0; i < 200; i++) {
            csv.append("chunked line ").append(i).append(",2022-05-0").append(1 + i % 9).append("T10:00:00Z,Event Time,h")
                    .append(i % 5).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        int chunkSize = 3000;
        int chunks = (bytes.length + chunkSize - 1) / chunkSize;
        assertThat(chunks).isGreaterThan(2);
        JsonNode last = null;
        for (int i = 0; i < chunks; i++) {
            TsClient.Response response = sendChunk(sketchId, bytes, chunkSize, chunks, i);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            if (i == 0) {
                TsClient.Response resent = sendChunk(sketchId, bytes, chunkSize, chunks, 0);
                assertThat(resent.json().get("meta").get("upload_complete").asBoolean()).isFalse();
            }
            if (i < chunks - 1) {
                assertThat(response.json().get("meta").get("upload_complete").asBoolean()).isFalse();
                assertThat(response.json().get("objects").size()).isZero();
            } else {
                last = response.json();
            }
        }
        assertThat(last.get("meta").get("upload_complete").asBoolean()).isTrue();
        long timelineId = last.get("objects").get(0).get("id").asLong();
        TsClient.Response resentLast = sendChunk(sketchId, bytes, chunkSize, chunks, chunks - 1);
        assertThat(resentLast.json().get("objects").get(0).get("id").asLong()).isEqualTo(timelineId);
        JsonNode done = Uploads.waitForImport(alice, sketchId, timelineId);
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(done.get("datasources").size()).isEqualTo(1);
        assertThat(done.get("datasources").get(0).get("file_size").asLong()).isEqualTo(bytes.length);
        assertThat(done.get("datasources").get(0).get("original_filename").asString()).isEqualTo("lines.csv");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(200);
    }

    private static TsClient.Response sendChunk(long sketchId, byte[] bytes, int chunkSize, int chunks, int i) {
        Map<String, String> fields = Uploads.form(sketchId, "lines");
        fields.put("total_file_size", String.valueOf(bytes.length));
        fields.put("chunk_total_chunks", String.valueOf(chunks));
        fields.put("chunk_index_name", "0123456789abcdef0123456789abcdef");
        fields.put("chunk_index", String.valueOf(i));
        fields.put("chunk_byte_offset", String.valueOf((long) i * chunkSize));
        byte[] part = Arrays.copyOfRange(bytes, i * chunkSize, Math.min(bytes.length, (i + 1) * chunkSize));
        return alice.multipart("/api/v1/upload/", fields, Map.of(), Map.of("file", Map.entry("lines.csv", part)));
    }

    @Test
    void plasoFileUpload() throws Exception {
        Path plaso = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), "plaso",
                "evtx_20250918.plaso");
        Assumptions.assumeTrue(Files.isRegularFile(plaso), () -> "fixture missing, skipped: " + plaso);
        long sketchId = Fixtures.sketch(alice, "Plaso");
        byte[] bytes = Files.readAllBytes(plaso);
        Map<String, String> fields = Uploads.form(sketchId, "evtx");
        fields.put("total_file_size", String.valueOf(bytes.length));
        fields.put("data_label", "plaso");
        TsClient.Response response = alice.multipart("/api/v1/upload/", fields, Map.of(),
                Map.of("file", Map.entry("evtx_20250918.plaso", bytes)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(done.get("datasources").get(0).get("total_file_events")
                .asLong() - done.get("datasources").get(0).get("rejected_events").asLong());
        assertThat(Uploads.count(alice, sketchId, "_all")).isPositive();
    }

    @Test
    void badUploadsAre400WithAMessage() throws IOException {
        long sketchId = Fixtures.sketch(alice, "Bad uploads");
        assertThat(alice.multipart("/api/v1/upload/", Map.of("name", "x"), Map.of("events", Uploads.jsonl(0, 1)), Map.of())
                .status()).isEqualTo(400);
        assertThat(alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "x"), Map.of(), Map.of()).status()).isEqualTo(400);
        Map<String, String> empty = Uploads.form(sketchId, "x");
        empty.put("total_file_size", "0");
        TsClient.Response emptyFile = alice.multipart("/api/v1/upload/", empty, Map.of(),
                Map.of("file", Map.entry("e.csv", new byte[0])));
        assertThat(emptyFile.status()).isEqualTo(400);
        assertThat(emptyFile.json().get("message").asString()).contains("File is empty");
        Map<String, String> badName = Uploads.form(sketchId, "null");
        assertThat(alice.multipart("/api/v1/upload/", badName, Map.of(), Map.of("file", Map.entry("a.csv",
                "a".getBytes(StandardCharsets.UTF_8)))).status()).isEqualTo(400);
        Map<String, String> badIndex = Uploads.form(sketchId, "x");
        badIndex.put("index_name", "../../etc");
        assertThat(alice.multipart("/api/v1/upload/", badIndex, Map.of("events", Uploads.jsonl(0, 1)), Map.of()).status())
                .isEqualTo(400);
        Map<String, String> wrongSize = Uploads.form(sketchId, "x");
        wrongSize.put("total_file_size", "999");
        assertThat(alice.multipart("/api/v1/upload/", wrongSize, Map.of(), Map.of("file", Map.entry("a.csv",
                "abc".getBytes(StandardCharsets.UTF_8)))).status()).isEqualTo(400);
        Map<String, String> badChunk = Uploads.form(sketchId, "x");
        badChunk.putAll(Map.of("total_file_size", "10", "chunk_total_chunks", "2", "chunk_index_name", "../x",
                "chunk_index", "0", "chunk_byte_offset", "0"));
        assertThat(alice.multipart("/api/v1/upload/", badChunk, Map.of(), Map.of("file", Map.entry("a.csv",
                "abc".getBytes(StandardCharsets.UTF_8)))).status()).isEqualTo(400);
        try (var files = Files.list(server.home().resolve("uploads"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.contains(".."));
        }
    }

    @Test
    void anotherUserCannotUploadIntoTheSketchOrItsIndex() {
        long sketchId = Fixtures.sketch(alice, "Not yours");
        TsClient.Response response = bob.multipart("/api/v1/upload/", Uploads.form(sketchId, "x"),
                Map.of("events", Uploads.jsonl(0, 2)), Map.of());
        assertThat(response.status()).isEqualTo(403);
        TsClient.Response created = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "mine"),
                Map.of("events", Uploads.jsonl(0, 2)), Map.of());
        String index = created.json().get("objects").get(0).get("searchindex").get("index_name").asString();
        long bobsSketch = Fixtures.sketch(bob, "Bob's upload");
        Map<String, String> intoAlicesIndex = Uploads.form(bobsSketch, "sneaky");
        intoAlicesIndex.put("index_name", index);
        assertThat(bob.multipart("/api/v1/upload/", intoAlicesIndex, Map.of("events", Uploads.jsonl(0, 2)), Map.of()).status())
                .isEqualTo(403);
        String taskId = created.json().get("meta").get("task_id").asString();
        JsonNode task = bob.get("/api/v1/tasks/?job_id=" + taskId).json().get("objects").get(0);
        assertThat(task.get("state").asString()).isEqualTo("PENDING");
        assertThat(task.has("error")).isFalse();
    }

}
