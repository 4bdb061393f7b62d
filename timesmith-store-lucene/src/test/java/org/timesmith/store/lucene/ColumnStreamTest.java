package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.contract.ContractEvents;

/**
 * The embedded store's column stream over several segments with deleted documents: which events
 * come from doc values and which from their source, objects refused, and an early close.
 */
class ColumnStreamTest {

    private static final String INDEX = "columns";
    private static final List<String> FIELDS = List.of("timestamp", "service", "orig_bytes", "n");

    @TempDir
    Path dir;

    private LuceneEventStore store;

    @BeforeEach
    void open() {
        store = new LuceneEventStore(dir);
        store.createIndex(INDEX);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(List<Event> events) {
        try (BulkWriter writer = store.bulkWriter(INDEX)) {
            events.forEach(writer::add);
            writer.flush();
        }
        store.refresh(INDEX);
    }

    private Map<String, Map<String, Object>> read(SearchRequest request, long[] fromSource) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (EventStream stream = store.streamColumns(request)) {
            stream.forEachRemaining(e -> assertThat(rows.put(e.id(), e.source())).isNull());
            fromSource[0] = ((ColumnStream) stream).readFromSource();
        }
        return rows;
    }

    @Test
    void segmentsAreReadFromColumnsAndOnlyOddValuesFromTheirSources() {
        for (int segment = 0; segment < 4; segment++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                int n = segment * 2_500 + i;
                events.add(event("c" + n, n * SECOND, 1, "message", "m " + n, "service", n % 2 == 0 ? "http" : "dns",
                        "orig_bytes", n % 5 == 0 ? (Object) (0.5 * n) : (Object) n, "n", n));
            }
            write(events);
        }
        write(List.of(event("odd-list", SECOND, 1, "service", List.of("http", "dns")),
                event("odd-long", SECOND, 1, "service", ContractEvents.LONG_VALUE, "orig_bytes", 3)));
        store.update(INDEX, List.of("c1", "c2"), new EventUpdate.AddTags(List.of("seen"))); // rewritten, old docs deleted
        store.refresh(INDEX);

        long[] fromSource = new long[1];
        Map<String, Map<String, Object>> rows = read(SearchRequest.builder(INDEX).fields(FIELDS).build(), fromSource);
        assertThat(rows).hasSize(10_002);
        assertThat(fromSource[0]).isEqualTo(2);
        assertThat(rows.get("c2")).isEqualTo(Map.of("timestamp", 2 * SECOND, "service", "http", "orig_bytes", 2L,
                "n", 2L));
        assertThat(rows.get("c5")).containsEntry("orig_bytes", 2.5).containsEntry("service", "dns");
        assertThat(rows.get("odd-list")).containsEntry("service", List.of("http", "dns")).doesNotContainKey("n");
        assertThat(rows.get("odd-long")).containsEntry("service", ContractEvents.LONG_VALUE);

        Map<String, Map<String, Object>> dns = read(SearchRequest.builder(INDEX).query("service:dns").fields(FIELDS)
                .build(), fromSource);
        assertThat(dns).hasSize(5_001).containsKey("odd-list");
    }

    @Test
    void fieldsWithoutColumnsComeFromTheSourceAndObjectsAreRefused() {
        write(ContractEvents.basic());
        long[] fromSource = new long[1];
        Map<String, Map<String, Object>> rows = read(SearchRequest.builder(INDEX).fields(List.of(Event.MESSAGE, "user"))
                .build(), fromSource);
        assertThat(rows).hasSize(5);
        assertThat(fromSource[0]).isEqualTo(5);
        assertThat(rows.get("e3")).containsEntry("message", "Failed password for invalid user").containsEntry("user", "root");
        assertThatThrownBy(() -> store.streamColumns(SearchRequest.builder(INDEX).fields(List.of("http")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http' holds objects");
        assertThatThrownBy(() -> store.streamColumns(SearchRequest.builder(INDEX).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give the fields");
        assertThatThrownBy(() -> store.streamColumns(SearchRequest.builder("missing").fields(List.of("user")).build()))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("missing");
    }

    @Test
    void closingEarlyStopsTheReaders() {
        for (int segment = 0; segment < 3; segment++) {
            write(ContractEvents.generated("s" + segment + "-", 20_000, segment * 20_000 * SECOND, 1));
        }
        for (int round = 0; round < 5; round++) {
            EventStream stream = store.streamColumns(SearchRequest.builder(INDEX).fields(List.of("n")).build());
            StoredEvent first = stream.next();
            assertThat(first.source()).containsKey("n");
            stream.close();
            assertThat(stream.hasNext()).isFalse();
        }
        store.deleteIndex(INDEX); // every reader released
        assertThat(store.indexExists(INDEX)).isFalse();
    }
}
