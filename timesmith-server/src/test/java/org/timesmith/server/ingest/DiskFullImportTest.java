package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.timesmith.core.ingest.NumberedLines;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.ServerProcess;
import org.timesmith.server.support.SmallDisk;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * An import that fills the disk: the server's data directory on a small tmpfs ({@link SmallDisk},
 * needs root), a first timeline imported, then a CSV whose staged file fits but whose index does not.
 * The import fails with a message that names the full disk (no stack trace), the first timeline stays
 * intact and searchable, the server answers, and once the failed import's staged file is gone a
 * smaller upload imports again.
 */
class DiskFullImportTest {

    private static final int FIRST_LINES = 5_000;
    private static final int DISK_MB = 16;
    /** Bytes of a line of {@link NumberedLines#csv}, near enough to size the second file. */
    private static final int LINE_BYTES = 75;
    private static final int CHUNK_BYTES = 1024 * 1024;

    @Test
    void anImportThatFillsTheDiskFailsClearlyAndWhatWasIndexedStaysSearchable() throws Exception {
        Path mountPoint = TestServer.createHome();
        try {
            Optional<SmallDisk> mounted = SmallDisk.mount(mountPoint, DISK_MB);
            assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
            try (SmallDisk disk = mounted.get();
                 ServerProcess server = ServerProcess.start(disk.path().resolve("home"), true, Map.of(), Map.of())) {
                try {
                    fillTheDisk(server, disk.path());
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "\nthe server's last lines:\n" + server.tail(), e);
                }
            }
        } finally {
            TestServer.deleteRecursively(mountPoint);
        }
    }

    private static void fillTheDisk(ServerProcess server, Path mountPoint) throws Exception {
        TsClient alice = server.login("alice");
        long sketchId = Fixtures.sketch(alice, "disk full");
        long first = Uploads.chunked(alice, sketchId, "first", "first-key", NumberedLines.csv(FIRST_LINES),
                CHUNK_BYTES).json().get("objects").get(0).get("id").asLong();
        assertThat(status(Uploads.waitForImport(alice, sketchId, first))).isEqualTo("ready");

        // staged, the file fits; its index on top of it does not
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        int lines = (int) (free * 7 / 10 / LINE_BYTES);
        long second = Uploads.chunked(alice, sketchId, "second", "second-key", NumberedLines.csv(lines),
                CHUNK_BYTES).json().get("objects").get(0).get("id").asLong();
        JsonNode failed = Uploads.waitForImport(alice, sketchId, second);

        assertThat(status(failed)).as(server.tail()).isEqualTo("fail");
        assertThat(failed.get("datasources").get(0).get("error_message").asString())
                .containsIgnoringCase("no space left on device").doesNotContain("\tat ");
        assertThat(Uploads.count(alice, sketchId, java.util.List.of(first)))
                .isEqualTo(FIRST_LINES);
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(FIRST_LINES);
        assertThat(alice.post("/api/v1/sketches/" + sketchId + "/explore/", TsClient.map("query",
                "\"crash test line 4242\"", "filter", TsClient.map("indices", "_all"))).json().get("objects"))
                .hasSize(1);
        assertThat(alice.get("/api/v1/sketches/").status()).isEqualTo(200);

        long third = Uploads.chunked(alice, sketchId, "third", "third-key", NumberedLines.csv(1_000),
                CHUNK_BYTES).json().get("objects").get(0).get("id").asLong();
        assertThat(status(Uploads.waitForImport(alice, sketchId, third))).as(server.tail()).isEqualTo("ready");
        assertThat(Uploads.count(alice, sketchId, "_all")).isEqualTo(FIRST_LINES + 1_000);
    }

    private static String status(JsonNode timeline) {
        return timeline.get("status").get(0).get("status").asString();
    }
}
