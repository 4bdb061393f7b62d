package org.timesmith.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The analyzers of {@code timesmith.analyzers.auto-run} run after an upload of the real System.evtx
 * plaso file, in one analysis session of the uploader, with the deployment's own tags.yaml from
 * {@code timesmith.analyzers.config-dir}; a name matching no analyzer is ignored, a failed import
 * runs nothing, and another user sees neither the analyses nor the tagged events.
 */
class AnalysisAfterImportTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static byte[] plaso;

    @BeforeAll
    static void start() throws Exception {
        Path file = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), "plaso", "evtx_20250918.plaso");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "fixture missing, skipped: " + file);
        plaso = Files.readAllBytes(file);
        Path home = TestServer.createHome();
        Path config = Files.createDirectories(home.resolve("analyzer-config"));
        Files.writeString(config.resolve("tags.yaml"), """
                psexec_service:
                  query_string: 'data_type:"windows:evtx:record" AND event_identifier:7045 AND message:PsExec'
                  tags: ['psexec-service']
                  save_search: true
                  search_name: 'PsExec services'
                """);
        server = new TestServer(home, true, Map.of("timesmith.analyzers.auto-run", "tagger, feature_extraction,domain,no_such_analyzer",
                "timesmith.analyzers.config-dir", config.toString()));
        alice = server.login("alice");
        bob = server.login("bob");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long upload(long sketchId, String name, byte[] bytes, String fileName) {
        Map<String, String> fields = Uploads.form(sketchId, name);
        fields.put("total_file_size", String.valueOf(bytes.length));
        TsClient.Response response = alice.multipart("/api/v1/upload/", fields, Map.of(), Map.of("file", Map.entry(fileName, bytes)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("objects").get(0).get("id").asLong();
    }

    private static List<JsonNode> finishedAnalyses(long sketchId, long timelineId, int expected) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            TsClient.Response response = alice.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/analysis");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<JsonNode> analyses = new ArrayList<>();
            response.json().get("objects").get(0).forEach(analyses::add);
            if (analyses.size() == expected && analyses.stream().allMatch(a -> {
                String status = a.get("status").get(0).get("status").asString();
                return status.equals("DONE") || status.equals("ERROR");
            })) {
                return analyses;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the analyzers did not run after the import");
    }

    private static long count(TsClient client, long sketchId, String query) {
        TsClient.Response response = client.post("/api/v1/sketches/" + sketchId + "/explore/",
                TsClient.map("query", query, "filter", TsClient.map("indices", "_all"), "count", true));
        return response.status() == 200 ? response.json().get("meta").get("total_count").asLong() : -response.status();
    }

    @Test
    void theListedAnalyzersRunAfterAnUploadInOneSession() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Auto-run");
        long timelineId = upload(sketchId, "evtx", plaso, "evtx_20250918.plaso");
        assertThat(Uploads.waitForImport(alice, sketchId, timelineId).get("status").get(0).get("status").asString())
                .isEqualTo("ready");

        List<JsonNode> analyses = finishedAnalyses(sketchId, timelineId, 3);

        assertThat(analyses).extracting(a -> a.get("analyzer_name").asString())
                .containsExactlyInAnyOrder("tagger", "feature_extraction", "domain");
        assertThat(analyses).allSatisfy(a -> assertThat(a.get("status").get(0).get("status").asString()).isEqualTo("DONE"));
        assertThat(analyses).extracting(a -> a.get("analysissession_id").asLong()).containsOnly(
                analyses.get(0).get("analysissession_id").asLong());
        assertThat(analyses).allSatisfy(a -> assertThat(a.get("user").get("username").asString()).isEqualTo("alice"));
        assertThat(count(alice, sketchId, "tag:\"psexec-service\"")).isEqualTo(8);
        assertThat(count(alice, sketchId, "_exists_:service_name")).isEqualTo(24);
        assertThat(count(alice, sketchId, "_exists_:service_image_path")).isEqualTo(20);
        long session = analyses.get(0).get("analysissession_id").asLong();
        TsClient.Response sessionJson = alice.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/" + session + "/");
        assertThat(sessionJson.status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/views/").body()).contains("PsExec services");

        // another user: no analyses, no events
        int forbidden = bob.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/analysis").status();
        assertThat(forbidden).isIn(403, 404);
        assertThat(bob.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/" + session + "/").status()).isIn(403, 404);
        assertThat(count(bob, sketchId, "tag:\"psexec-service\"")).isIn(-403L, -404L);
    }

    @Test
    void aFailedImportRunsNothing() throws Exception {
        long sketchId = Fixtures.sketch(alice, "Auto-run, broken upload");
        long timelineId = upload(sketchId, "broken", "not,a\nplaso\u0000file".getBytes(), "broken.plaso");
        assertThat(Uploads.waitForImport(alice, sketchId, timelineId).get("status").get(0).get("status").asString())
                .isEqualTo("fail");
        Thread.sleep(500);
        TsClient.Response analyses = alice.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/analysis");
        assertThat(analyses.status()).as(analyses.body()).isEqualTo(200);
        assertThat(analyses.json().path("objects").path(0)).as(analyses.body()).isEmpty();
        assertThat(alice.get("/api/v1/sketches/" + sketchId + "/analyzer/sessions/active/").body()).doesNotContain("tagger");
        assertThat(server.bean(AnalysisAfterImport.class).names())
                .containsExactly("tagger", "feature_extraction", "domain", "no_such_analyzer");
    }
}
