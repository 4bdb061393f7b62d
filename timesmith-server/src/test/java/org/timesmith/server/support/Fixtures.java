package org.timesmith.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.store.BulkWriter;
import tools.jackson.databind.JsonNode;

/** Test data made through the API (sketches, indices, timelines) plus events written into the store. */
public final class Fixtures {

    /** A timeline created through the API with events in it. */
    public record TimelineRef(long sketchId, long timelineId, long indexId, String indexName) {
    }

    private Fixtures() {
    }

    /**
     * A file of the shared real fixtures (system property {@code timesmith.fixtures}); the calling test
     * is skipped, saying which file is missing, when the folder is absent.
     */
    public static Path shared(String first, String... more) {
        Path file = Path.of(System.getProperty("timesmith.fixtures", "../shared/fixtures"), first).resolve(Path.of("", more));
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "fixture missing, skipped: " + file);
        return file;
    }

    public static long sketch(TsClient client, String name) {
        TsClient.Response created = client.post("/api/v1/sketches/", TsClient.map("name", name, "description", name));
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return created.json().get("objects").get(0).get("id").asLong();
    }

    /** Creates an index and a ready timeline on it, then writes the events (with the timeline id). */
    public static TimelineRef timeline(TestServer server, TsClient client, long sketchId, String name,
                                       List<Map<String, Object>> events) {
        String indexName = "idx" + UUID.randomUUID().toString().replace("-", "");
        JsonNode index = client.post("/api/v1/searchindices/",
                TsClient.map("searchindex_name", name, "es_index_name", indexName)).json();
        long indexId = index.get("objects").get(0).get("id").asLong();
        TsClient.Response timeline = client.post("/api/v1/sketches/" + sketchId + "/timelines/",
                TsClient.map("timeline", indexId, "timeline_name", name));
        if (timeline.status() != 201) {
            throw new IllegalStateException(timeline.body());
        }
        long timelineId = timeline.json().get("objects").get(0).get("id").asLong();
        try (BulkWriter writer = server.store().bulkWriter(indexName)) {
            long n = 0;
            for (Map<String, Object> source : events) {
                Map<String, Object> copy = new LinkedHashMap<>(source);
                copy.put(Event.TIMELINE_ID, timelineId);
                copy.putIfAbsent(Event.TAG, new ArrayList<>());
                copy.putIfAbsent(Event.LABEL, new ArrayList<>());
                writer.add(new Event(EventIds.of(indexName, n++), copy));
            }
        }
        server.store().refresh(indexName);
        return new TimelineRef(sketchId, timelineId, indexId, indexName);
    }

    /** {@code count} events one minute apart from 2024-01-01T00:00:00Z, messages "entry i even|odd" with a few fields. */
    public static List<Map<String, Object>> events(int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        long start = 1_704_067_200_000_000L;
        for (int i = 0; i < count; i++) {
            long ts = start + i * 60_000_000L;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put(Event.MESSAGE, "entry " + i + (i % 2 == 0 ? " even" : " odd"));
            e.put(Event.TIMESTAMP, ts);
            e.put(Event.DATETIME, java.time.Instant.ofEpochSecond(ts / 1_000_000).toString());
            e.put(Event.TIMESTAMP_DESC, "Time Logged");
            e.put("user", i % 3 == 0 ? "root" : "alice");
            e.put(Event.DATA_TYPE, "test:event");
            events.add(e);
        }
        return events;
    }
}
