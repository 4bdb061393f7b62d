package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/** A server restart never leaves a timeline in processing: the import resumes, or fails with a reason. */
class RestartTest {

    @Test
    void queuedImportsResumeAfterARestartAndLostUploadsFailWithAReason() throws Exception {
        Path home = TestServer.createHome();
        long sketchId;
        long resumedTimeline;
        long lostTimeline;
        // First run: no job server, so the uploads stay queued as if the server died right after them.
        try (TestServer first = new TestServer(home, true,
                Map.of("jobrunr.background-job-server.enabled", false))) {
            TsClient alice = first.login("alice");
            sketchId = Fixtures.sketch(alice, "Restart");
            TsClient.Response resumed = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "resumed"),
                    Map.of("events", Uploads.jsonl(0, 25)), Map.of());
            resumedTimeline = resumed.json().get("objects").get(0).get("id").asLong();
            TsClient.Response lost = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "lost"),
                    Map.of("events", Uploads.jsonl(0, 5)), Map.of());
            lostTimeline = lost.json().get("objects").get(0).get("id").asLong();
            JsonNode lostSource = alice.get("/api/v1/sketches/" + sketchId + "/timelines/" + lostTimeline + "/").json()
                    .get("objects").get(0).get("datasources").get(0);
            assertThat(lostSource.get("status").get(0).get("status").asString()).isEqualTo("queueing");
            Files.delete(home.resolve("uploads").resolve(lostSource.get("file_on_disk").asString()));
            first.stop();
            try (TestServer second = new TestServer(home, false, Map.of())) {
                TsClient again = second.login("alice");
                // the first upload's job is still queued in JobRunr, so this node's worker simply takes it
                assertThat(second.bean(Importer.class).resumedAtStart()).isEmpty();
                JsonNode done = Uploads.waitForImport(again, sketchId, resumedTimeline);
                assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");
                assertThat(Uploads.count(again, sketchId, java.util.List.of(resumedTimeline))).isEqualTo(25);
                JsonNode failed = Uploads.waitForImport(again, sketchId, lostTimeline);
                assertThat(failed.get("status").get(0).get("status").asString()).isEqualTo("fail");
                assertThat(failed.get("datasources").get(0).get("error_message").asString())
                        .contains("upload it again");
            }
        } finally {
            TestServer.deleteRecursively(home);
        }
    }

    /** A node without the staged file (an uploads folder not shared between nodes) says so. */
    @Test
    void anImportWhoseUploadIsNotInThisNodesUploadsFolderFailsWithAReason() throws Exception {
        Path home = TestServer.createHome();
        try (TestServer server = new TestServer(home, true, Map.of("jobrunr.background-job-server.enabled", false))) {
            TsClient alice = server.login("alice");
            long sketchId = Fixtures.sketch(alice, "Elsewhere");
            long timelineId = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "elsewhere"),
                    Map.of("events", Uploads.jsonl(0, 5)), Map.of()).json().get("objects").get(0).get("id").asLong();
            JsonNode queued = alice.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/").json()
                    .get("objects").get(0).get("datasources").get(0);
            Files.delete(home.resolve("uploads").resolve(queued.get("file_on_disk").asString()));
            TimelineRepository timelines = server.bean(TimelineRepository.class);
            DataSource outcome = server.bean(Importer.class)
                    .runNow(timelines.dataSource(queued.get("id").asLong()).orElseThrow());
            assertThat(outcome.status()).isEqualTo(DataSource.FAIL);
            assertThat(outcome.errorMessage()).contains("is not in this node's uploads folder", "timesmith.uploads");
        } finally {
            TestServer.deleteRecursively(home);
        }
    }
}
