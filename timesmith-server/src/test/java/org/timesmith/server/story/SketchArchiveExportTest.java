package org.timesmith.server.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class SketchArchiveExportTest {

    private final TestServer server = TestServer.shared();
    private final TsClient alice = server.login("alice");
    private final TsClient bob = server.login("bob");

    @Test
    void exportHoldsStoriesSavedSearchesAggregationsAndAnnotatedEvents() throws IOException {
        long sketchId = Fixtures.sketch(alice, "Archive export");
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketchId, "archive-events", Fixtures.events(9));
        String base = "/api/v1/sketches/" + sketchId + "/";
        JsonNode hits = alice.post(base + "explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", "_all", "size", 3, "order", "asc", "chips", List.of()))).json().get("objects");
        List<Map<String, Object>> refs = new java.util.ArrayList<>();
        hits.forEach(h -> refs.add(TsClient.map("_id", h.get("_id").asString(), "_index", timeline.indexName(),
                "_type", "generic_event")));
        assertThat(alice.post(base + "event/annotate/", TsClient.map("annotation", "__ts_star", "annotation_type", "label",
                "events", List.of(refs.get(0)))).status()).isEqualTo(201);
        assertThat(alice.post(base + "event/annotate/", TsClient.map("annotation", "looks bad", "annotation_type",
                "comment", "events", refs.get(1))).status()).isEqualTo(201);
        assertThat(alice.post(base + "event/tagging/", TsClient.map("tag_string", "[\"evil\"]",
                "events", List.of(refs.get(2)), "verbose", false)).status()).isEqualTo(200);
        long viewId = alice.post(base + "views/", TsClient.map("name", "Root activity", "query", "user:root"))
                .json().get("objects").get(0).get("id").asLong();
        long aggregationId = alice.post(base + "aggregation/", TsClient.map("name", "Users", "agg_type", "field_bucket",
                "parameters", TsClient.map("field", "user"))).json().get("objects").get(0).get("id").asLong();
        long groupId = alice.post(base + "aggregation/group/", TsClient.map("name", "Overview",
                "aggregations", "[" + aggregationId + "]")).json().get("objects").get(0).get("id").asLong();
        long storyId = alice.post(base + "stories/", TsClient.map("title", "What happened", "content",
                StoryApiTest.content(viewId, aggregationId, groupId))).json().get("objects").get(0).get("id").asLong();

        TsClient.Response export = alice.post(base + "archive/", TsClient.map("action", "export"));
        assertThat(export.status()).isEqualTo(200);
        Map<String, String> zip = unzip(export.bytes());
        assertThat(zip).containsKeys("METADATA",
                String.format("stories/%04d_what_happened.html", storyId),
                String.format("views/%04d_root_activity.meta", viewId),
                String.format("views/%04d_root_activity.csv", viewId),
                String.format("aggregations/%04d_users.meta", aggregationId),
                String.format("aggregations/%04d_users.csv", aggregationId),
                String.format("aggregation_groups/%04d_overview.meta", groupId),
                "events/starred_events.csv", "events/events_with_comments.csv", "events/tagged_events.csv");
        JsonNode metadata = TsClient.JSON.readTree(zip.get("METADATA"));
        assertThat(metadata.get("sketch_id").asLong()).isEqualTo(sketchId);
        assertThat(metadata.get("sketch_name").asString()).isEqualTo("Archive export");
        assertThat(metadata.get("user").asString()).isEqualTo("alice");
        assertThat(zip.get(String.format("stories/%04d_what_happened.html", storyId)))
                .contains("<h1>What happened</h1>", "<td>entry 0 even</td>");
        String viewCsv = zip.get(String.format("views/%04d_root_activity.csv", viewId));
        assertThat(viewCsv.lines().count()).isEqualTo(4);
        assertThat(viewCsv).contains("entry 0 even", "entry 3 odd", "entry 6 even").doesNotContain("entry 1 odd");
        assertThat(zip.get(String.format("aggregations/%04d_users.csv", aggregationId)))
                .isEqualTo("user,count\r\nalice,6\r\nroot,3\r\n");
        assertThat(zip.get("events/starred_events.csv").lines().toList()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("entry 0 even"));
        assertThat(zip.get("events/events_with_comments.csv").lines().toList()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("entry 1 odd"));
        assertThat(zip.get("events/tagged_events.csv").lines().toList()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("entry 2 even", "evil"));
        String timelineCsv = zip.get(String.format("timelines/%04d_archive_events.csv", timeline.timelineId()));
        assertThat(timelineCsv.lines().count()).isEqualTo(10);
        assertThat(timelineCsv).contains("entry 0 even", "entry 8 even");
    }

    @Test
    void savedSearchesThatCannotRunAreReportedNotDropped() throws IOException {
        long sketchId = Fixtures.sketch(alice, "Empty export");
        long viewId = alice.post("/api/v1/sketches/" + sketchId + "/views/", TsClient.map("name", "Nothing", "query", "x"))
                .json().get("objects").get(0).get("id").asLong();
        TsClient.Response export = alice.post("/api/v1/sketches/" + sketchId + "/archive/",
                TsClient.map("action", "export"));
        assertThat(export.status()).isEqualTo(200);
        Map<String, String> zip = unzip(export.bytes());
        assertThat(zip).containsKey(String.format("views/%04d_nothing.meta", viewId));
        assertThat(zip.get(String.format("views/%04d_nothing.error", viewId))).contains("No valid search indices");
        assertThat(zip).containsKey("events/starred_events.error");
    }

    @Test
    void aUserWithoutAccessGetsNoArchive() {
        long sketchId = Fixtures.sketch(alice, "Private export");
        alice.post("/api/v1/sketches/" + sketchId + "/stories/", TsClient.map("title", "Private story"));
        TsClient.Response denied = bob.post("/api/v1/sketches/" + sketchId + "/archive/", TsClient.map("action", "export"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).doesNotContain("Private story");
        assertThat(bob.post("/api/v1/sketches/999999/archive/", TsClient.map("action", "export")).status())
                .isEqualTo(404);
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
