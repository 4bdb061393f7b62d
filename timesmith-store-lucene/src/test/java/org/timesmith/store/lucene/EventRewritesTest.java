package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;

/**
 * The bulk rewrite behind {@code updateEach} and {@code updateByQuery}: ids looked up segment by
 * segment (with deleted copies of rewritten events left behind in older segments), more events than
 * one indexing slice, ids that are not in the index, and an index that does not exist.
 */
class EventRewritesTest {

    private static final int PER_SOURCE = 3_000;

    @TempDir
    Path dir;

    /** Three data sources, each written by its own bulk writer, so the index has several segments. */
    private static LuceneEventStore storeWithSegments(Path dir, List<LongFunction<String>> sources) {
        LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 100, 2, 97));
        store.createIndex("idx");
        for (int s = 0; s < sources.size(); s++) {
            try (BulkWriter writer = store.bulkWriter("idx")) {
                for (int i = 0; i < PER_SOURCE; i++) {
                    writer.add(event(sources.get(s).apply(i), (s * PER_SOURCE + i) * SECOND, s + 1,
                            "message", "source " + s + " event " + i));
                }
            }
        }
        return store;
    }

    private static List<LongFunction<String>> sources() {
        return List.of(EventIds.forDataSource("a.csv@1"), EventIds.forDataSource("b.csv@2"),
                EventIds.forDataSource("c.csv@3"));
    }

    private static Map<String, Object> source(LuceneEventStore store, String id) {
        return store.get("idx", id).map(StoredEvent::source).orElseThrow();
    }

    @Test
    void everyEventGetsItsOwnUpdateAcrossSegmentsAndUnknownIdsAreSkipped() {
        List<LongFunction<String>> sources = sources();
        try (LuceneEventStore store = storeWithSegments(dir, sources)) {
            // a first round leaves deleted copies of every third event of source b in its segment
            Map<String, EventUpdate> first = new LinkedHashMap<>();
            for (int i = 0; i < PER_SOURCE; i += 3) {
                first.put(sources.get(1).apply(i), new EventUpdate.AddTags(List.of("early")));
            }
            assertThat(store.updateEach("idx", first)).isEqualTo(PER_SOURCE / 3);

            Map<String, EventUpdate> updates = new LinkedHashMap<>();
            for (LongFunction<String> source : sources) {
                for (int i = 0; i < PER_SOURCE; i++) {
                    updates.put(source.apply(i), new EventUpdate.SetAttributes(Map.of("n", (long) i)));
                }
            }
            updates.put("no-such-event", new EventUpdate.AddTags(List.of("lost")));
            updates.put("ünïcode \u0000 id", new EventUpdate.AddTags(List.of("lost")));
            updates.put(EventIds.forDataSource("z.csv@9").apply(0), new EventUpdate.AddTags(List.of("lost")));

            assertThat(store.updateEach("idx", updates)).isEqualTo(3L * PER_SOURCE);
            assertThat(store.count(SearchRequest.builder("idx").build())).isEqualTo(3L * PER_SOURCE);
            assertThat(store.count(SearchRequest.builder("idx").query("tag:lost").build())).isZero();
            assertThat(store.count(SearchRequest.builder("idx").query("n:1234").build())).isEqualTo(3);
            assertThat(store.count(SearchRequest.builder("idx").query("tag:early").build())).isEqualTo(PER_SOURCE / 3);
            Map<String, Object> twice = source(store, sources.get(1).apply(2_997));
            assertThat(((Number) twice.get("n")).longValue()).isEqualTo(2_997L);
            assertThat(twice).containsEntry("tag", List.of("early"))
                    .containsEntry("message", "source 1 event 2997");
        }
    }

    @Test
    void nothingToUpdateRewritesNothing() {
        try (LuceneEventStore store = storeWithSegments(dir, sources())) {
            assertThat(store.updateEach("idx", Map.of())).isZero();
            assertThat(store.updateEach("idx", Map.of("", new EventUpdate.AddTags(List.of("x"))))).isZero();
            assertThat(store.count(SearchRequest.builder("idx").build())).isEqualTo(3L * PER_SOURCE);
        }
    }

    @Test
    void updatesOfAnIndexThatDoesNotExistAreRejectedByName() {
        try (LuceneEventStore store = storeWithSegments(dir, sources())) {
            assertThatThrownBy(() -> store.updateEach("missing", Map.of("e1", new EventUpdate.AddTags(List.of("x")))))
                    .hasMessageContaining("missing");
            assertThat(store.count(SearchRequest.builder("idx").query("tag:x").build())).isZero();
        }
    }

    @Test
    void updateByQueryRewritesEveryPageOfMatches() {
        try (LuceneEventStore store = storeWithSegments(dir, sources())) {
            long updated = store.updateByQuery(SearchRequest.builder("idx").query("__ts_timeline_id:2").build(),
                    new EventUpdate.AddTags(List.of("b")));
            assertThat(updated).isEqualTo(PER_SOURCE);
            assertThat(store.count(SearchRequest.builder("idx").query("tag:b").build())).isEqualTo(PER_SOURCE);
            assertThat(store.count(SearchRequest.builder("idx").build())).isEqualTo(3L * PER_SOURCE);
        }
    }
}
