package org.timesmith.server;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Many users writing metadata at once, while imports run, never see "database is locked" (or any error). */
class ConcurrencyTest {

    @Test
    void concurrentWritesAndImportsAllSucceed() throws Exception {
        TestServer server = TestServer.shared();
        TsClient alice = server.login("alice");
        long sketchId = Fixtures.sketch(alice, "Busy");
        List<Long> timelines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TsClient.Response upload = alice.multipart("/api/v1/upload/", Uploads.form(sketchId, "busy " + i),
                    Map.of("events", Uploads.jsonl(i * 100, i * 100 + 100)), Map.of());
            assertThat(upload.status()).isEqualTo(201);
            timelines.add(upload.json().get("objects").get(0).get("id").asLong());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int user = 0; user < 8; user++) {
                futures.add(pool.submit(() -> {
                    TsClient client = server.login("bob");
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        TsClient.Response created = client.post("/api/v1/sketches/", TsClient.map("name", "c" + i));
                        mine.add(created.status());
                        long id = created.json().get("objects").get(0).get("id").asLong();
                        mine.add(client.post("/api/v1/sketches/" + id + "/attribute/",
                                TsClient.map("name", "n", "values", List.of("v"))).status());
                        mine.add(client.post("/api/v1/sketches/" + id + "/", TsClient.map("description", "d")).status());
                    }
                    return mine;
                }));
            }
            for (Future<List<Integer>> future : futures) {
                statuses.addAll(future.get());
            }
        }
        assertThat(statuses).hasSize(240).allMatch(s -> s == 200 || s == 201);
        for (long timeline : timelines) {
            assertThat(Uploads.waitForImport(alice, sketchId, timeline).get("status").get(0).get("status")
                    .asString()).isEqualTo("ready");
        }
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(300);
    }
}
