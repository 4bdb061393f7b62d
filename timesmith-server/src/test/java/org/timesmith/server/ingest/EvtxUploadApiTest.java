package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.reader.evtx.EvtxTestEvents;
import org.timesmith.core.reader.evtx.EvtxWriter;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * A Windows event log uploaded as it was collected ({@code .evtx}, whole or in the importer's chunks)
 * is recognised, imported with Sigma's field names and searchable by them; a file named {@code .evtx}
 * that is no event log fails its timeline with the reason.
 */
class EvtxUploadApiTest {

    private static TestServer server;
    private static TsClient alice;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
    }

    private static byte[] evtx(int records) throws Exception {
        Path file = dir.resolve("security-" + records + ".evtx");
        EvtxWriter.write(file, EvtxTestEvents.mixed(records, Instant.parse("2025-10-24T23:41:00Z")),
                Instant.parse("2025-10-24T23:41:00Z"));
        return Files.readAllBytes(file);
    }

    /** The whole file in one {@code POST upload/}, as the importer sends a small file. */
    private static TsClient.Response upload(long sketchId, String fileName, byte[] bytes) {
        Map<String, String> fields = Uploads.form(sketchId, fileName);
        fields.put("total_file_size", String.valueOf(bytes.length));
        return alice.multipart("/api/v1/upload/", fields, Map.of(), Map.of("file", Map.entry(fileName, bytes)));
    }

    @Test
    void anUploadedEvtxFileImportsWithSigmasFieldNames() throws Exception {
        byte[] bytes = evtx(300);
        long sketchId = Fixtures.sketch(alice, "EVTX upload");
        TsClient.Response response = upload(sketchId, "Security.evtx", bytes);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(300);
        JsonNode hits = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map(
                "query", "EventID:4624 AND Channel:Security AND TargetUserName:alice",
                "filter", TsClient.map("indices", "_all", "size", 200))).json();
        assertThat(hits.get("meta").get("es_total_count").asLong()).isEqualTo(100);
        JsonNode first = hits.get("objects").get(0).get("_source");
        assertThat(first.get("data_type").asString()).isEqualTo("windows:evtx:record");
        assertThat(first.get("Provider_Name").asString()).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(first.get("timestamp_desc").asString()).isEqualTo("Creation Time");
        assertThat(first.get("xml_string").asString()).contains("<Data Name=\"TargetUserName\">alice</Data>");
        assertThat(alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map(
                "query", "Image:\"C:\\\\Windows\\\\System32\\\\tool3.exe\" AND EventID:1",
                "filter", TsClient.map("indices", "_all"), "count", true)).json()
                .get("meta").get("total_count").asLong()).isEqualTo(1);
    }

    @Test
    void anEvtxFileSentInChunksImportsWhole() throws Exception {
        byte[] bytes = evtx(1200);
        long sketchId = Fixtures.sketch(alice, "EVTX chunked");
        TsClient.Response last = Uploads.chunked(alice, sketchId, "System", "System.evtx", "evtx-chunks", bytes, 100_000);
        assertThat(last.status()).as(last.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, last.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(1200);
    }

    @Test
    void aFileNamedEvtxThatIsNoEventLogFailsWithTheReason() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Not EVTX");
        byte[] text = "message,datetime\nhello,2024-01-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8);
        TsClient.Response response = upload(sketchId, "notes.evtx", text);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketchId, response.json().get("objects").get(0).get("id").asLong());
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("fail");
        assertThat(done.get("datasources").get(0).get("error_message").asString())
                .contains("not a Windows event log (.evtx)");
    }
}
