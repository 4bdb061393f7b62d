package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * Five CSV uploads into one sketch at once, as five analysts dropping their files together: every
 * import finishes ready and each timeline, and the sketch, hold exactly the lines sent.
 */
class ConcurrentImportsTest {

    private static final int UPLOADS = 5;
    private static final int LINES = 4_000;

    private static byte[] csv(int upload) {
        StringBuilder csv = new StringBuilder("datetime,timestamp_desc,message,upload\n");
        for (int i = 0; i < LINES; i++) {
            csv.append(String.format("2024-03-%02dT%02d:%02d:%02dZ,Event Recorded,upload %d line %d,%d%n", 1 + i % 28,
                    i % 24, i % 60, (i * 7) % 60, upload, i, upload));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fiveConcurrentImportsIntoOneSketchAllCompleteWithExactCounts() throws Exception {
        TestServer server = TestServer.shared();
        TsClient alice = TsClient.loggedIn(server.url(), "alice", TestServer.PASSWORD);
        long sketchId = Fixtures.sketch(alice, "Five at once");

        List<Future<TsClient.Response>> sent = new ArrayList<>();
        try (ExecutorService uploads = Executors.newFixedThreadPool(UPLOADS)) {
            for (int u = 0; u < UPLOADS; u++) {
                int upload = u;
                sent.add(uploads.submit(() -> alice.multipart("/api/v1/upload/",
                        Uploads.form(sketchId, "analyst " + upload), Map.of(),
                        Map.of("file", Map.entry("analyst-" + upload + ".csv", csv(upload))))));
            }
        }
        List<Long> timelines = new ArrayList<>();
        for (Future<TsClient.Response> response : sent) {
            assertThat(response.get().status()).as(response.get().body()).isEqualTo(201);
            timelines.add(response.get().json().get("objects").get(0).get("id").asLong());
        }
        assertThat(timelines).doesNotHaveDuplicates();
        for (long timeline : timelines) {
            JsonNode done = Uploads.waitForImport(alice, sketchId, timeline);
            assertThat(done.get("status").get(0).get("status").asString()).as("timeline " + timeline).isEqualTo("ready");
            assertThat(Uploads.count(alice, sketchId, List.of(timeline))).as("timeline " + timeline).isEqualTo(LINES);
        }
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo((long) UPLOADS * LINES);
        for (int u = 0; u < UPLOADS; u++) {
            JsonNode meta = alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query", "upload:" + u,
                    "filter", TsClient.map("indices", "_all"), "count", true)).json().get("meta");
            assertThat(meta.get("total_count").asLong()).as("events of upload " + u).isEqualTo(LINES);
        }
    }
}
