package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.core.store.contract.ContractEvents.HOUR;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStream;

/**
 * Streams read in time windows: every match comes exactly once and in (timestamp, id) order, also
 * where thousands of events share a timestamp across page boundaries, where matches are sparse and
 * far apart, and from a cursor.
 */
class MatchStreamTest {

    @TempDir
    Path dir;

    /** Dense ties at three instants, an even spread, and a few outliers years away. */
    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            events.add(event(String.format("tie%05d", i), (i % 3) * HOUR, 1, "message", "tie " + (i % 7 == 0 ? "rare" : "")));
        }
        for (int i = 0; i < 3_000; i++) {
            events.add(event(String.format("even%05d", i), 5 * HOUR + i * SECOND, 1, "message", "spread "
                    + (i % 500 == 0 ? "rare" : "")));
        }
        long year = 365L * 24 * HOUR;
        for (int i = 1; i <= 5; i++) {
            events.add(event("far" + i, i * 7 * year, 1, "message", "outlier rare"));
            events.add(event("past" + i, -i * 3 * year, 1, "message", "outlier"));
        }
        return events;
    }

    private static List<String> expected(List<Event> events, String word, SortOrder order) {
        Comparator<Event> byTime = Comparator.comparingLong(e -> ((Number) e.source().get(Event.TIMESTAMP)).longValue());
        return events.stream()
                .filter(e -> word == null || e.source().get(Event.MESSAGE).toString().contains(word))
                .sorted((order == SortOrder.ASC ? byTime : byTime.reversed()).thenComparing(Event::id))
                .map(Event::id).toList();
    }

    private static List<String> streamed(LuceneEventStore store, SearchRequest request) {
        List<String> ids = new ArrayList<>();
        try (EventStream stream = store.stream(request)) {
            stream.forEachRemaining(e -> ids.add(e.id()));
        }
        return ids;
    }

    @Test
    void everyMatchComesOnceInOrderThroughTiesGapsAndSparseMatches() {
        List<Event> events = events();
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 3_600_000, 1, 100))) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                events.forEach(writer::add);
            }
            store.refresh("idx");
            for (SortOrder order : SortOrder.values()) {
                assertThat(streamed(store, SearchRequest.builder("idx").order(order).build()))
                        .isEqualTo(expected(events, null, order));
                assertThat(streamed(store, SearchRequest.builder("idx").query("rare").order(order).build()))
                        .isEqualTo(expected(events, "rare", order));
            }
            List<String> all = expected(events, null, SortOrder.ASC);
            assertThat(streamed(store, SearchRequest.builder("idx").after(new SearchAfter(HOUR, "tie01000")).build()))
                    .isEqualTo(all.subList(all.indexOf("tie01000") + 1, all.size()));
            List<String> newestFirst = expected(events, null, SortOrder.DESC);
            assertThat(streamed(store, SearchRequest.builder("idx").order(SortOrder.DESC)
                    .after(new SearchAfter(HOUR, "tie01000")).build()))
                    .isEqualTo(newestFirst.subList(newestFirst.indexOf("tie01000") + 1, newestFirst.size()));
            assertThat(streamed(store, SearchRequest.builder("idx").query("nothing").build())).isEmpty();
            List<StoredEvent> projected = new ArrayList<>();
            try (EventStream stream = store.stream(SearchRequest.builder("idx").query("outlier").fields(List.of("message")).build())) {
                stream.forEachRemaining(projected::add);
            }
            assertThat(projected).hasSize(10).allSatisfy(e -> assertThat(e.source()).containsOnlyKeys("message"));
        }
    }

    /** A stream decodes only the source keys its fields need, and projects them as a search does. */
    @Test
    void aStreamOfSomeFieldsGivesTheSameProjectionAsASearch() {
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 3_600_000, 1, 100))) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                writer.add(event("n1", SECOND, 1, "message", "nested", "http", java.util.Map.of("method", "GET",
                        "status", 200), "user", "alice", "tag", List.of("a", "b")));
                writer.add(event("n2", 2 * SECOND, 1, "message", "dotted key", "http.method", "POST", "user", "bob"));
            }
            store.refresh("idx");
            for (List<String> fields : List.of(List.of("http.method"), List.of("user", "tag"), List.of("http"),
                    List.of("timestamp", "message"), List.of("missing"))) {
                SearchRequest request = SearchRequest.builder("idx").fields(fields).size(10).build();
                List<java.util.Map<String, Object>> searched = store.search(request).hits().stream()
                        .map(StoredEvent::source).toList();
                List<java.util.Map<String, Object>> streamed = new ArrayList<>();
                try (EventStream stream = store.stream(request)) {
                    stream.forEachRemaining(e -> streamed.add(e.source()));
                }
                assertThat(streamed).as("fields %s", fields).isEqualTo(searched);
            }
        }
    }
}
