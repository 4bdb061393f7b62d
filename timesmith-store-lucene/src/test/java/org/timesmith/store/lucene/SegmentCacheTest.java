package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.core.store.contract.ContractEvents.HOUR;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.BulkWriter;

/**
 * The per-segment aggregation cache: repeated aggregations are answered from it, and a cached
 * segment result is never used once that segment's live documents changed (updates, deletes), while
 * new segments are computed and unchanged ones reused. Expected answers come from a model of what
 * was written, never from the store itself.
 */
class SegmentCacheTest {

    @TempDir
    Path dir;

    /** No periodic reopen: the tests refresh when they want a new segment to be seen. */
    private static LuceneEventStore newStore(Path dir) {
        return new LuceneEventStore(dir, new LuceneStoreOptions(16, 3_600_000, 1, 10));
    }

    /** Event {@code n}: host h(n % 5), port 1000 + n % 3, timeline 1 + n % 2, n minutes after the epoch. */
    private static Event numbered(int n) {
        return event("ev" + n, n * 60 * SECOND, 1 + n % 2, "message", "event " + n, "host", "h" + n % 5,
                "port", 1000 + n % 3);
    }

    private static void write(LuceneEventStore store, int from, int to, Map<String, Integer> model) {
        try (BulkWriter writer = store.bulkWriter("idx")) {
            for (int n = from; n < to; n++) {
                writer.add(numbered(n));
                model.put("ev" + n, n);
            }
        }
        store.refresh("idx");
    }

    private static Map<String, Long> terms(LuceneEventStore store, String field) {
        AggregationResult.Terms terms = (AggregationResult.Terms) store.aggregate(
                SearchRequest.builder("idx").build(), new Aggregation.Terms(field, 100));
        Map<String, Long> counts = new TreeMap<>();
        terms.buckets().forEach(b -> counts.put(b.key(), b.count()));
        return counts;
    }

    private static Map<Long, Long> hourly(LuceneEventStore store) {
        AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) store.aggregate(
                SearchRequest.builder("idx").build(), new Aggregation.DateHistogram(Optional.of(HOUR), 0));
        Map<Long, Long> counts = new TreeMap<>();
        histogram.buckets().stream().filter(b -> b.count() > 0).forEach(b -> counts.put(b.startMicros(), b.count()));
        return counts;
    }

    private static Map<String, Long> expectedHosts(Map<String, Integer> model) {
        Map<String, Long> counts = new TreeMap<>();
        model.values().forEach(n -> counts.merge("h" + n % 5, 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> expectedPorts(Map<String, Integer> model) {
        Map<String, Long> counts = new TreeMap<>();
        model.values().forEach(n -> counts.merge(Integer.toString(1000 + n % 3), 1L, Long::sum));
        return counts;
    }

    private static Map<Long, Long> expectedHours(Map<String, Integer> model) {
        Map<Long, Long> counts = new TreeMap<>();
        model.values().forEach(n -> counts.merge(Math.floorDiv(n * 60 * SECOND, HOUR) * HOUR, 1L, Long::sum));
        return counts;
    }

    @Test
    void aRepeatedAggregationIsAnsweredFromTheCacheWithTheSameResult() {
        Map<String, Integer> model = new ConcurrentHashMap<>();
        try (LuceneEventStore store = newStore(dir)) {
            store.createIndex("idx");
            write(store, 0, 100, model);
            write(store, 100, 250, model);
            write(store, 250, 300, model);
            SegmentCache cache = store.segmentCache();

            Map<String, Long> hosts = terms(store, "host");
            Map<Long, Long> hours = hourly(store);
            long missesAfterFirst = cache.misses();
            long hitsAfterFirst = cache.hits();
            assertThat(cache.size()).isPositive();

            assertThat(terms(store, "host")).isEqualTo(hosts).isEqualTo(expectedHosts(model));
            assertThat(hourly(store)).isEqualTo(hours).isEqualTo(expectedHours(model));
            assertThat(terms(store, "port")).isEqualTo(expectedPorts(model));
            assertThat(terms(store, "port")).isEqualTo(expectedPorts(model));
            assertThat(cache.hits()).isGreaterThan(hitsAfterFirst);
            // only the port aggregation (new to the cache) missed, once per segment
            long portMisses = cache.misses() - missesAfterFirst;
            assertThat(terms(store, "port")).isEqualTo(expectedPorts(model));
            assertThat(cache.misses() - missesAfterFirst).isEqualTo(portMisses);
        }
    }

    private static long total(LuceneEventStore store, String queryString, int pageSize) {
        return store.search(SearchRequest.builder("idx").query(queryString).size(pageSize).build()).total();
    }

    @Test
    void totalsOfSearchesAreCountedOncePerSegmentAndFollowUpdatesAndDeletes() {
        Map<String, Integer> model = new ConcurrentHashMap<>();
        try (LuceneEventStore store = newStore(dir)) {
            store.createIndex("idx");
            write(store, 0, 120, model);
            write(store, 120, 200, model);
            SegmentCache cache = store.segmentCache();
            long h1 = model.values().stream().filter(n -> n % 5 == 1).count();

            assertThat(total(store, "host:h1", 10)).isEqualTo(h1);
            long misses = cache.misses();
            long hits = cache.hits();
            // the page, a count-only request and the count call share the per-segment totals
            assertThat(total(store, "host:h1", 3)).isEqualTo(h1);
            assertThat(total(store, "host:h1", 0)).isEqualTo(h1);
            assertThat(store.count(SearchRequest.builder("idx").query("host:h1").build())).isEqualTo(h1);
            assertThat(cache.misses()).isEqualTo(misses);
            assertThat(cache.hits()).isGreaterThan(hits);

            store.update("idx", List.of("ev1", "ev6"), new EventUpdate.AddTags(List.of("hot")));
            assertThat(total(store, "host:h1", 10)).isEqualTo(h1);
            assertThat(total(store, "tag:hot", 10)).isEqualTo(2);
            store.deleteTimeline("idx", 2);
            model.values().removeIf(n -> n % 2 == 1);
            assertThat(total(store, "host:h1", 10)).isEqualTo(model.values().stream().filter(n -> n % 5 == 1).count());
            assertThat(total(store, "tag:hot", 0)).isEqualTo(1); // ev1 was timeline 2
            write(store, 200, 260, model);
            assertThat(total(store, "host:h1", 10)).isEqualTo(model.values().stream().filter(n -> n % 5 == 1).count());
        }
    }

    @Test
    void updatedAndDeletedEventsInACachedSegmentAreNotCountedFromTheCache() {
        Map<String, Integer> model = new ConcurrentHashMap<>();
        try (LuceneEventStore store = newStore(dir)) {
            store.createIndex("idx");
            write(store, 0, 200, model);
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            assertThat(hourly(store)).isEqualTo(expectedHours(model));
            assertThat(terms(store, "tag")).isEmpty();

            // an update deletes the old document in the cached segment and adds one in a new segment
            store.update("idx", List.of("ev3", "ev8", "ev13"), new EventUpdate.AddTags(List.of("hot")));
            assertThat(terms(store, "tag")).containsExactly(Map.entry("hot", 3L));
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            assertThat(hourly(store)).isEqualTo(expectedHours(model));

            store.update("idx", List.of("ev8"), new EventUpdate.RemoveTags(List.of("hot")));
            assertThat(terms(store, "tag")).containsExactly(Map.entry("hot", 2L));
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));

            store.deleteTimeline("idx", 2);
            model.values().removeIf(n -> n % 2 == 1);
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            assertThat(terms(store, "port")).isEqualTo(expectedPorts(model));
            assertThat(hourly(store)).isEqualTo(expectedHours(model));
            assertThat(terms(store, "tag")).isEmpty(); // ev3 and ev13 were timeline 2
        }
    }

    @Test
    void newSegmentsAreComputedWhileUnchangedSegmentsComeFromTheCache() {
        Map<String, Integer> model = new ConcurrentHashMap<>();
        try (LuceneEventStore store = newStore(dir)) {
            store.createIndex("idx");
            write(store, 0, 150, model);
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            SegmentCache cache = store.segmentCache();
            long hits = cache.hits();

            write(store, 150, 400, model);
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            assertThat(hourly(store)).isEqualTo(expectedHours(model));
            assertThat(cache.hits()).as("the first segment's result is reused").isGreaterThan(hits);
        }
    }

    @Test
    void aggregationsWhileEventsAreWrittenAndUpdatedEndWithTheModelsCounts() throws Exception {
        Map<String, Integer> model = new ConcurrentHashMap<>();
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 5, 1, 10))) {
            store.createIndex("idx");
            write(store, 0, 100, model);
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int round = 1; round <= 20; round++) {
                    write(store, round * 100, round * 100 + 100, model);
                    List<String> touched = new ArrayList<>();
                    for (int n = round; n < round * 100; n += 37) {
                        touched.add("ev" + n);
                    }
                    store.update("idx", touched, new EventUpdate.AddTags(List.of("round" + round)));
                }
            });
            List<Map<String, Long>> seen = new ArrayList<>();
            while (!writes.isDone()) {
                seen.add(terms(store, "host"));
                hourly(store);
            }
            writes.get(1, TimeUnit.MINUTES);
            store.refresh("idx");
            assertThat(terms(store, "host")).isEqualTo(expectedHosts(model));
            assertThat(terms(store, "port")).isEqualTo(expectedPorts(model));
            assertThat(hourly(store)).isEqualTo(expectedHours(model));
            // every answer seen meanwhile was a consistent snapshot: never more events than written
            for (Map<String, Long> hosts : seen) {
                long total = hosts.values().stream().mapToLong(Long::longValue).sum();
                assertThat(total).isBetween(100L, 2_100L);
            }
            assertThat(seen).isSortedAccordingTo(Comparator.comparingLong(
                    hosts -> hosts.values().stream().mapToLong(Long::longValue).sum()));
        }
    }
}
