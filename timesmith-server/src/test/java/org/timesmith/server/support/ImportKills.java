package org.timesmith.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.ingest.NumberedLines;
import org.timesmith.core.store.EventStore;
import tools.jackson.databind.JsonNode;

/**
 * What the server's crash tests share: the JVM properties that stop a server at a {@link CrashPoint}
 * and the kill-and-restart scenario of a chunked upload of {@link NumberedLines}, for either store.
 */
public final class ImportKills {

    public static final int CHUNK_BYTES = 128 * 1024;
    private static final Duration TO_THE_POINT = Duration.ofMinutes(3);

    private ImportKills() {
    }

    /** The system properties that stop a process the {@code after}-th time it reaches {@code point}. */
    public static Map<String, String> crashAt(String point, long after) {
        return Map.of(CrashPoint.PROPERTY, point, CrashPoint.AFTER_PROPERTY, String.valueOf(after));
    }

    /**
     * Uploads {@code lines} CSV lines in chunks to a server on {@code home} that stops at {@code point}
     * (the {@code after}-th pass), kills it with SIGKILL there, starts it again on the same directory,
     * sends the upload again as a retrying client does, and checks: the import ends {@code ready}, the
     * sketch has one timeline and exactly {@code lines} events, a further re-send adds nothing, and
     * the store (opened by {@code storeAfterKill} once the server is dead) holds each line once.
     */
    public static void killAndRecover(Path home, String point, long after, int lines, Map<String, String> spring,
                                      Function<Path, EventStore> storeAfterKill) throws Exception {
        byte[] csv = NumberedLines.csv(lines);
        long sketchId;
        try (ServerProcess first = ServerProcess.start(home, true, crashAt(point, after), spring)) {
            TsClient alice = first.login("alice");
            sketchId = Fixtures.sketch(alice, "killed at " + point);
            // the chunk that reaches the staging point never gets an answer: send from another thread
            Thread uploader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Uploads.chunked(alice, sketchId, "crash", "crash-key", csv, CHUNK_BYTES);
                } catch (RuntimeException | AssertionError e) {
                    // the server was killed under the upload, as expected at the staging point
                }
            });
            first.awaitCrashPoint(point, TO_THE_POINT);
            first.kill();
            uploader.join(Duration.ofMinutes(1));
        }
        String index;
        try (ServerProcess second = ServerProcess.start(home, false, Map.of(), spring)) {
            if (!point.equals(CrashPoint.STAGING)) {
                // at once, not after the dead node's heartbeat times out
                assertThat(second.tail()).contains("no live node runs it; importing it again");
            }
            TsClient alice = second.login("alice");
            // sent again: after the staging point the upload must be, after that it is found queued
            long timelineId = Uploads.chunked(alice, sketchId, "crash", "crash-key", csv, CHUNK_BYTES).json()
                    .get("objects").get(0).get("id").asLong();
            JsonNode done = Uploads.waitForImport(alice, sketchId, timelineId);
            assertThat(done.get("status").get(0).get("status").asString()).as(second.tail()).isEqualTo("ready");
            assertThat(alice.get("/api/v1/sketches/" + sketchId + "/timelines/").json().get("objects")).hasSize(1);
            assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(lines);
            Uploads.chunked(alice, sketchId, "crash", "crash-key", csv, CHUNK_BYTES);
            assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(lines);
            index = indexName(alice, sketchId, timelineId);
        }
        try (EventStore store = storeAfterKill.apply(home)) {
            NumberedLines.assertEveryLineOnce(store, index, lines);
        }
    }

    /** The store index name of a timeline, from the API. */
    public static String indexName(TsClient client, long sketchId, long timelineId) {
        return client.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/").json().get("objects")
                .get(0).get("searchindex").get("index_name").asString();
    }
}
