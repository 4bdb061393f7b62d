package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.ingest.NumberedLines;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.ImportKills;
import org.timesmith.server.support.ServerProcess;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import org.timesmith.store.lucene.LuceneEventStore;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety of a chunked CSV upload into the embedded store, with a real {@code kill -9}: the
 * server runs in a JVM of its own ({@link ServerProcess}), stops at a named {@link CrashPoint} of the
 * import, is killed there and started again on the same data directory. Afterwards the import has
 * resumed (or failed with a clear message when its staged file is gone), the sketch holds exactly one
 * event per CSV line, every line once under a unique id (read back from the Lucene index itself),
 * and sending the upload again does not duplicate anything.
 */
class ImportKillTest {

    private static final int LINES = 20_000;

    /** Killed at each point: staging (the 3rd chunk), indexing (half the lines), before and after the final commit. */
    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"staging, 3", "indexing, 10000", "commit, 1", "ready, 1"})
    void aKilledImportResumesWithEveryLineOnce(String point, long after) throws Exception {
        Path home = TestServer.createHome();
        try {
            ImportKills.killAndRecover(home, point, after, LINES, Map.of(),
                    dir -> new LuceneEventStore(dir.resolve("index")));
        } finally {
            TestServer.deleteRecursively(home);
        }
    }

    /** The staged file lost with the node (an uploads folder that was not shared): a clear failure, then a clean re-upload. */
    @Test
    void aKilledImportWhoseStagedFileIsGoneFailsClearlyAndAReuploadDoesNotDuplicate() throws Exception {
        byte[] csv = NumberedLines.csv(LINES);
        Path home = TestServer.createHome();
        try {
            long sketchId;
            long failedTimeline;
            try (ServerProcess first = ServerProcess.start(home, true, ImportKills.crashAt(CrashPoint.INDEXING,
                    LINES / 2), Map.of())) {
                TsClient alice = first.login("alice");
                sketchId = Fixtures.sketch(alice, "lost upload");
                failedTimeline = Uploads.chunked(alice, sketchId, "lost", "lost-key", csv, ImportKills.CHUNK_BYTES)
                        .json().get("objects").get(0).get("id").asLong();
                first.awaitCrashPoint(CrashPoint.INDEXING, Duration.ofMinutes(3));
            }
            try (Stream<Path> staged = Files.list(home.resolve("uploads"))) {
                for (Path file : staged.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
            String index;
            try (ServerProcess second = ServerProcess.start(home, false, Map.of(), Map.of())) {
                TsClient alice = second.login("alice");
                JsonNode failed = Uploads.waitForImport(alice, sketchId, failedTimeline);
                assertThat(failed.get("status").get(0).get("status").asString()).isEqualTo("fail");
                assertThat(failed.get("datasources").get(0).get("error_message").asString())
                        .contains("upload it again").doesNotContain("Exception");
                long again = Uploads.chunked(alice, sketchId, "lost", "second-key", csv, ImportKills.CHUNK_BYTES)
                        .json().get("objects").get(0).get("id").asLong();
                assertThat(Uploads.waitForImport(alice, sketchId, again).get("status").get(0).get("status").asString())
                        .isEqualTo("ready");
                assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(LINES);
                index = ImportKills.indexName(alice, sketchId, again);
            }
            try (EventStore store = new LuceneEventStore(home.resolve("index"))) {
                NumberedLines.assertEveryLineOnce(store, index, LINES);
            }
        } finally {
            TestServer.deleteRecursively(home);
        }
    }
}
