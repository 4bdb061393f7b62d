package org.timesmith.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;
import org.timesmith.core.store.contract.ContractEvents;
import tools.jackson.databind.node.ObjectNode;

/** What the OpenSearch store does beyond the contract: bulk retries, adopting indices, slices, prefixes. */
class OpenSearchStoreFeaturesTest {

    private static final String INDEX = "features";

    @RegisterExtension
    final SharedNode node = new SharedNode();

    private OpenSearchEventStore store;
    private ClusterClient raw;

    @BeforeEach
    void open() {
        store = new OpenSearchEventStore(node.cluster().config());
        raw = new ClusterClient(node.cluster().config());
        for (String index : List.of(INDEX, "adopt-good", "adopt-bad", "p1-features")) {
            raw.call("cleanup", "DELETE", "/" + index, Map.of(), null, Set.of(404));
        }
    }

    @AfterEach
    void close() {
        for (String index : List.of(INDEX, "adopt-good", "adopt-bad", "p1-features")) {
            raw.call("cleanup", "DELETE", "/" + index, Map.of(), null, Set.of(404));
        }
        raw.close();
        store.close();
    }

    private void setBlock(boolean blocked) {
        ObjectNode settings = ClusterClient.JSON.createObjectNode();
        settings.putObject("index").putObject("blocks").put("read_only_allow_delete", blocked);
        raw.call("block", "PUT", "/" + INDEX + "/_settings", settings);
    }

    private List<String> streamIds(EventStream stream) {
        List<String> ids = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(e -> ids.add(e.id()));
        }
        return ids;
    }

    @Test
    void rejectedBulksAreRetriedUntilTheClusterTakesThemWithoutLossOrDuplicates() throws Exception {
        OpenSearchEventStore retrying = new OpenSearchEventStore(node.cluster().config()
                .withBulk(250, 1024 * 1024, 2, 40, Duration.ofMillis(20)));
        try (retrying) {
            retrying.createIndex(INDEX);
            List<Event> events = ContractEvents.generated("r", 4_000, 0, 1);
            try (BulkWriter first = retrying.bulkWriter(INDEX)) {
                events.subList(0, 1_000).forEach(first::add);
            }
            setBlock(true);
            OpenSearchBulkWriter writer = (OpenSearchBulkWriter) retrying.bulkWriter(INDEX);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // the whole import runs again from the start, as a resumed import job would
            Thread producer = Thread.ofPlatform().start(() -> {
                try (writer) {
                    events.forEach(writer::add);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (writer.retries() < 3 && producer.isAlive()) {
                Thread.sleep(5); // polling a condition, not measuring time
            }
            assertThat(writer.retries()).isGreaterThanOrEqualTo(3);
            setBlock(false);
            producer.join();
            assertThat(failure.get()).isNull();
            assertThat(writer.written()).isEqualTo(4_000);
            assertThat(retrying.count(SearchRequest.builder(INDEX).build())).isEqualTo(4_000);
            List<String> ids = streamIds(retrying.stream(SearchRequest.builder(INDEX).build()));
            assertThat(ids).hasSize(4_000).doesNotHaveDuplicates()
                    .isEqualTo(events.stream().map(Event::id).toList());
        }
    }

    @Test
    void anEventTheClusterCannotIndexFailsTheWriterNamingIt() {
        store.createIndex(INDEX);
        BulkWriter writer = store.bulkWriter(INDEX);
        writer.add(ContractEvents.event("fine", 1, 1, "message", "ok"));
        Event broken = ContractEvents.event("broken", 2, 1, "message", "bad date");
        broken.source().put(Event.DATETIME, "not a date");
        writer.add(broken);
        assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining("broken").hasMessageContaining("datetime");
        assertThatThrownBy(writer::close).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> writer.add(ContractEvents.event("late", 3, 1, "message", "x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableClusterIsAStoreErrorAfterTheRetries() {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (OpenSearchEventStore dead = new OpenSearchEventStore(OpenSearchStoreConfig.of("127.0.0.1:" + deadPort))) {
            assertThatThrownBy(() -> dead.count(SearchRequest.builder(INDEX).build()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("did not answer");
            assertThatThrownBy(() -> dead.bulkWriter(INDEX)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void anExistingTimesketchIndexIsAdoptedAndSearchable() {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        ObjectNode properties = body.putObject("mappings").putObject("properties");
        properties.putObject("message").put("type", "text");
        properties.putObject("timestamp").put("type", "long");
        properties.putObject("datetime").put("type", "date");
        raw.call("create", "PUT", "/adopt-good", body);
        // written by another tool: no Timesmith id field, more events than one stream page
        StringBuilder bulk = new StringBuilder();
        int events = PointInTimeStream.PAGE * 2 + 500;
        for (int i = 0; i < events; i++) {
            ObjectNode doc = ClusterClient.JSON.createObjectNode().put("message", "plaso event " + i)
                    .put("timestamp", (events - i) * 1_000_000L).put("datetime", "2020-01-01T00:00:00Z");
            bulk.append("{\"index\":{\"_id\":\"d").append(i).append("\"}}\n").append(doc).append('\n');
        }
        try {
            assertThat(raw.sendNdjson("/adopt-good/_bulk", Map.of("refresh", "true"),
                    bulk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).ok()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(store.adoptIndex("adopt-good")).isEqualTo("adopt-good");
        List<StoredEvent> hits = store.search(SearchRequest.builder("adopt-good").query("plaso")
                .order(SortOrder.ASC).size(3).build()).hits();
        assertThat(hits).extracting(StoredEvent::id)
                .containsExactly("d" + (events - 1), "d" + (events - 2), "d" + (events - 3));
        List<String> streamed = streamIds(store.stream(SearchRequest.builder("adopt-good").build()));
        assertThat(streamed).hasSize(events).doesNotHaveDuplicates().startsWith("d" + (events - 1));
    }

    @Test
    void anIndexMadeByAnotherToolTakesTimesmithsFieldsWhenCreatedAgainAndStaysSortable() {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        ObjectNode properties = body.putObject("mappings").putObject("properties");
        properties.putObject("message").put("type", "text");
        properties.putObject("timestamp").put("type", "long");
        properties.putObject("datetime").put("type", "date");
        properties.putObject("tag").put("type", "text");
        raw.call("create", "PUT", "/adopt-good", body);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            bulk.append("{\"index\":{\"_id\":\"e").append(i).append("\"}}\n{\"message\":\"line ").append(i)
                    .append("\",\"timestamp\":").append(1_000_000L * (3 - i)).append(",\"datetime\":\"2020-01-01T00:00:0")
                    .append(3 - i).append("Z\"}\n");
        }
        try {
            assertThat(raw.sendNdjson("/adopt-good/_bulk", Map.of("refresh", "true"),
                    bulk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).ok()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        store.createIndex("adopt-good");
        // What stamping a timeline id does: every event written again, whole, under its own id.
        List<StoredEvent> existing = store.search(SearchRequest.builder("adopt-good").size(10).build()).hits();
        try (BulkWriter writer = store.bulkWriter("adopt-good")) {
            for (StoredEvent event : existing) {
                Map<String, Object> source = new java.util.LinkedHashMap<>(event.source());
                source.put(Event.TIMELINE_ID, 7L);
                writer.add(new Event(event.id(), source));
            }
        }
        store.refresh("adopt-good");

        List<StoredEvent> hits = store.search(SearchRequest.builder("adopt-good")
                .filter(new org.timesmith.core.search.Filter.Timelines(Set.of(7L), false)).order(SortOrder.ASC)
                .size(10).build()).hits();
        assertThat(hits).extracting(StoredEvent::id).containsExactly("e2", "e1", "e0");
        tools.jackson.databind.JsonNode mapping = raw.call("mapping", "GET", "/adopt-good/_mapping", null).body()
                .path("adopt-good").path("mappings").path("properties");
        assertThat(mapping.path(IndexMapping.EVENT_ID).path("type").asString()).isEqualTo("keyword");
        assertThat(mapping.path(Event.TIMELINE_ID).path("type").asString()).isEqualTo("long");
        assertThat(mapping.path(Event.TAG).path("type").asString()).as("left as the other tool mapped it")
                .isEqualTo("text");
    }

    @Test
    void adoptingAnIndexWithoutTheTimesketchFieldsListsEverythingMissing() {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        ObjectNode properties = body.putObject("mappings").putObject("properties");
        properties.putObject("datetime").put("type", "keyword");
        properties.putObject("msg").put("type", "text");
        raw.call("create", "PUT", "/adopt-bad", body);
        assertThatThrownBy(() -> store.adoptIndex("adopt-bad")).isInstanceOfSatisfying(UnsuitableIndexException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "index adopt-bad: field 'message' is missing",
                        "index adopt-bad: field 'timestamp' is missing",
                        "index adopt-bad: field 'datetime' is mapped as keyword, not as a date"))
                .hasMessageContaining("message").hasMessageContaining("timestamp").hasMessageContaining("keyword");
        assertThatThrownBy(() -> store.adoptIndex("adopt-missing")).isInstanceOf(StoreException.class)
                .hasMessageContaining("adopt-missing");
        try (OpenSearchEventStore prefixed = new OpenSearchEventStore(node.cluster().config().withIndexPrefix("p1-"))) {
            assertThatThrownBy(() -> prefixed.adoptIndex("adopt-bad")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("p1-");
        }
    }

    @Test
    void slicesTogetherReturnEveryMatchOnceEachInOrder() {
        store.createIndex(INDEX);
        try (BulkWriter writer = store.bulkWriter(INDEX)) {
            ContractEvents.generated("s", 3_000, 0, 1).forEach(writer::add);
        }
        List<EventStream> slices = store.streamSlices(SearchRequest.builder(INDEX).query("even").build(), 3);
        assertThat(slices).hasSize(3);
        Set<String> all = new HashSet<>();
        int total = 0;
        for (EventStream slice : slices) {
            long previous = Long.MIN_VALUE;
            try (slice) {
                while (slice.hasNext()) {
                    StoredEvent event = slice.next();
                    assertThat(event.timestamp()).isGreaterThan(previous);
                    previous = event.timestamp();
                    all.add(event.id());
                    total++;
                }
            }
        }
        assertThat(total).isEqualTo(1_500);
        assertThat(all).hasSize(1_500);
        assertThatThrownBy(() -> store.streamSlices(SearchRequest.builder(INDEX).build(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePrefixSeparatesInstallationsSharingACluster() {
        try (OpenSearchEventStore prefixed = new OpenSearchEventStore(node.cluster().config().withIndexPrefix("p1-"))) {
            prefixed.createIndex(INDEX);
            try (BulkWriter writer = prefixed.bulkWriter(INDEX)) {
                writer.add(ContractEvents.event("x", 1, 1, "message", "prefixed"));
            }
            assertThat(raw.call("exists", "HEAD", "/p1-features", Map.of(), null, Set.of(404)).ok()).isTrue();
            assertThat(store.indexExists(INDEX)).isFalse();
            StoredEvent hit = prefixed.search(SearchRequest.builder(INDEX).build()).hits().getFirst();
            assertThat(hit.index()).isEqualTo(INDEX);
            assertThat(hit.source()).doesNotContainKey(IndexMapping.EVENT_ID);
            assertThat(prefixed.fieldNames(List.of(INDEX))).contains("message").doesNotContain(IndexMapping.EVENT_ID);
            // the internal id field is for sorting only: an unfielded query does not find events by id
            assertThat(prefixed.count(SearchRequest.builder(INDEX).query("x").build())).isZero();
            assertThat(prefixed.count(SearchRequest.builder(INDEX).query("_id:x").build())).isEqualTo(1);
        }
    }

    @Test
    void brokenRequestsAreClearErrors() {
        assertThatThrownBy(() -> store.createIndex("Bad*Name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad*Name");
        assertThatThrownBy(() -> store.update("features-missing", List.of("e1"),
                new org.timesmith.core.search.EventUpdate.AddTags(List.of("x"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("features-missing");
        assertThatThrownBy(() -> store.bulkWriter("features-missing")).isInstanceOf(StoreException.class)
                .hasMessageContaining("features-missing");
        store.createIndex(INDEX);
        assertThatThrownBy(() -> store.search(SearchRequest.builder(INDEX).from(9_990).size(11).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
        assertThatThrownBy(() -> store.aggregate(SearchRequest.builder(INDEX).build(),
                new org.timesmith.core.search.Aggregation.Terms("message", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> store.count(SearchRequest.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index");
    }

    @Test
    void configurationRejectsNonsense() {
        assertThatThrownBy(() -> OpenSearchStoreConfig.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenSearchStoreConfig.of("http://localhost:9200"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> OpenSearchStoreConfig.of("localhost:9200").withIndexPrefix("Bad*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad*");
        assertThatThrownBy(() -> OpenSearchStoreConfig.of("localhost:9200").withLayout(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shards=0");
        OpenSearchStoreConfig config = OpenSearchStoreConfig.of("localhost:9200").withCredentials("admin", "secret")
                .withTls(true, true);
        assertThat(config.user()).contains("admin");
        assertThat(config.tls()).isTrue();
    }

    @Test
    void aQueryStringLongerThanTheClustersDefaultLimitFindsItsEventAfterTheStoreRaisesTheLimit() {
        String value = "A".repeat(32_760);
        store.createIndex(INDEX);
        try (BulkWriter writer = store.bulkWriter(INDEX)) {
            writer.add(new Event("long", Map.of(Event.MESSAGE, "long field", Event.DATETIME, "2024-01-01T00:00:00Z",
                    Event.TIMESTAMP, 1_704_067_200_000_000L, "TestField", value)));
            writer.add(new Event("short", Map.of(Event.MESSAGE, "short field", Event.DATETIME, "2024-01-01T00:00:01Z",
                    Event.TIMESTAMP, 1_704_067_201_000_000L, "TestField", "A")));
        }
        store.refresh(INDEX);
        String query = "TestField:\"" + value + "\"";
        try {
            assertThat(query.length()).isGreaterThan(QueryStringLimit.ALWAYS_ALLOWED);
            assertThat(store.search(SearchRequest.builder(INDEX).query(query).size(10).build()).hits())
                    .extracting(StoredEvent::id).containsExactly("long");
            assertThat(store.count(SearchRequest.builder(INDEX).query(query).build())).isEqualTo(1);
            assertThat(raw.call("settings", "GET", "/_cluster/settings", Map.of("flat_settings", "true"), null, Set.of())
                    .body().path("persistent").path(QueryStringLimit.SETTING).asInt()).isEqualTo(65_536);

            String tooLong = "x".repeat(QueryStringLimit.CEILING + 1);
            assertThatThrownBy(() -> store.count(SearchRequest.builder(INDEX).query(tooLong).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than the 1048576");
        } finally {
            ObjectNode reset = ClusterClient.JSON.createObjectNode();
            reset.putObject("persistent").putNull(QueryStringLimit.SETTING);
            raw.call("reset", "PUT", "/_cluster/settings", reset);
        }
    }
}
