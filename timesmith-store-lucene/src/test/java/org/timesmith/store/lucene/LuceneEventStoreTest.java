package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.store.contract.ContractEvents.HOUR;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.contract.ContractEvents;

/**
 * What only the embedded store promises: durability of flushed writes, reopening, near-real-time
 * visibility without a flush, and its limits.
 */
class LuceneEventStoreTest {

    @TempDir
    Path dir;

    private static List<String> ids(LuceneEventStore store, String index, String query) {
        return store.search(SearchRequest.builder(index).query(query).size(100).build()).hits().stream()
                .map(StoredEvent::id).toList();
    }

    /** A copy of the files while the store runs is what a kill -9 leaves behind. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void flushedWritesSurviveACrashAndUnflushedOnesAreRestoredByRerunningTheImport() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        try (LuceneEventStore store = new LuceneEventStore(live)) {
            store.createIndex("idx");
            BulkWriter writer = store.bulkWriter("idx");
            ContractEvents.basic().forEach(writer::add);
            writer.flush();
            writer.add(event("late", 4 * HOUR, 1, "message", "not flushed yet"));
            copyTree(live, crashed);
            writer.close();
        }
        try (LuceneEventStore store = new LuceneEventStore(crashed)) {
            assertThat(ids(store, "idx", "*")).containsExactly("e1", "e2", "e3", "e4", "e5");
            try (BulkWriter rerun = store.bulkWriter("idx")) {
                ContractEvents.basic().forEach(rerun::add);
                rerun.add(event("late", 4 * HOUR, 1, "message", "not flushed yet"));
            }
            assertThat(ids(store, "idx", "*")).containsExactly("e1", "e2", "e3", "e4", "e5", "late");
        }
    }

    @Test
    void closingTheStoreCommitsOpenWritersAndReopeningFindsFieldsAndValues() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex("idx");
            BulkWriter writer = store.bulkWriter("idx");
            ContractEvents.basic().forEach(writer::add);
        }
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            assertThat(store.indexExists("idx")).isTrue();
            assertThat(ids(store, "idx", "port:[80 TO 443]")).containsExactly("e2", "e3");
            assertThat(ids(store, "idx", "http.method:get")).containsExactly("e1", "e4");
            assertThat(store.fieldNames(List.of("idx"))).contains("http.status", "port");
        }
    }

    @Test
    void writesBecomeVisibleWithoutAFlushWhileAnImportRuns() throws InterruptedException {
        LuceneStoreOptions options = new LuceneStoreOptions(16, 100, 1, 10);
        try (LuceneEventStore store = new LuceneEventStore(dir, options)) {
            store.createIndex("idx");
            SearchRequest all = SearchRequest.builder("idx").build();
            assertThat(store.count(all)).isZero();
            BulkWriter writer = store.bulkWriter("idx");
            ContractEvents.generated("g", 100, 0, 1).forEach(writer::add);
            long count = 0;
            for (int attempt = 0; attempt < 400 && count < 100; attempt++) {
                Thread.sleep(25);
                count = store.count(all);
            }
            assertThat(count).isEqualTo(100);
            writer.close();
        }
    }

    /** ASCII values take a shortcut past the analyzer; both kinds must meet the same queries in one field. */
    @Test
    void asciiAndNonAsciiValuesOfAFieldAreFoundByTermsAndPhrases() {
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 100, 1, 10))) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                writer.add(event("a1", 1, 1, "message", "User:Admin opened C:\\Temp\\Report.PDF"));
                writer.add(event("u1", 2, 1, "message", "Café opened C:\\Temp\\Menü.pdf", "tags", List.of("x", "naïve")));
                writer.add(event("a2", 3, 1, "message", "Server 10.0.0.1 replied 1,000 times", "tags", List.of("x", "y")));
            }
            store.refresh("idx");
            assertThat(ids(store, "idx", "opened")).containsExactly("a1", "u1");
            assertThat(ids(store, "idx", "\"user:admin opened\"")).containsExactly("a1");
            assertThat(ids(store, "idx", "\"café opened c\"")).containsExactly("u1");
            assertThat(ids(store, "idx", "\"temp report.pdf\"")).containsExactly("a1");
            assertThat(ids(store, "idx", "message:\"10.0.0.1 replied 1,000\"")).containsExactly("a2");
            assertThat(ids(store, "idx", "tags:naïve")).containsExactly("u1");
            assertThat(ids(store, "idx", "tags:\"x y\"")).isEmpty();
        }
    }

    @Test
    void aSecondImportOfADataSourceWaitsForTheFirstAndReplacesItsEvents() throws Exception {
        LongFunction<String> eventIds = EventIds.forDataSource("upload.csv@1");
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 100, 2, 7))) {
            store.createIndex("idx");
            BulkWriter first = store.bulkWriter("idx");
            for (int i = 0; i < 500; i++) {
                first.add(event(eventIds.apply(i), i * SECOND, 1, "message", "first " + i));
            }
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try (BulkWriter writer = store.bulkWriter("idx")) {
                    for (int i = 0; i < 1000; i++) {
                        writer.add(event(eventIds.apply(i), i * SECOND, 1, "message", "second " + i));
                    }
                }
            });
            for (int i = 500; i < 1000; i++) {
                first.add(event(eventIds.apply(i), i * SECOND, 1, "message", "first " + i));
            }
            first.close();
            second.get(1, TimeUnit.MINUTES);
            assertThat(store.count(SearchRequest.builder("idx").build())).isEqualTo(1000);
            assertThat(store.count(SearchRequest.builder("idx").query("second").build())).isEqualTo(1000);
        }
    }

    @Test
    void anEventAddedAgainByTheSameWriterIsKeptOnce() {
        LongFunction<String> eventIds = EventIds.forDataSource("records@2");
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 100, 2, 5))) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                for (int i = 0; i < 100; i++) {
                    writer.add(event(eventIds.apply(i), i * SECOND, 2, "message", "original " + i));
                }
                writer.add(event(eventIds.apply(50), 50 * SECOND, 2, "message", "again"));
                for (int i = 100; i < 200; i++) {
                    writer.add(event(eventIds.apply(i), i * SECOND, 2, "message", "original " + i));
                }
            }
            assertThat(store.count(SearchRequest.builder("idx").build())).isEqualTo(200);
            assertThat(ids(store, "idx", "again")).containsExactly(eventIds.apply(50));
        }
    }

    @Test
    void deletingAnIndexRemovesItsFiles() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                ContractEvents.basic().forEach(writer::add);
            }
            store.deleteIndex("idx");
            assertThat(dir.resolve("idx")).doesNotExist();
        }
    }

    @Test
    void badIndexNamesAreRejected() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            for (String name : new String[] {"", "../escape", "Upper", ".hidden", "a/b"}) {
                assertThatThrownBy(() -> store.createIndex(name)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("invalid index name");
            }
        }
    }

    @Test
    void limitsAreIllegalArgumentsWithAdvice() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                writer.add(event("a", 0, 1, "message", "x"));
                writer.add(event("b", 400 * 24 * HOUR, 1, "message", "x"));
            }
            SearchRequest all = SearchRequest.builder("idx").build();
            assertThatThrownBy(() -> store.aggregate(all, new Aggregation.DateHistogram(Optional.of(SECOND), 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buckets");
            assertThatThrownBy(() -> store.search(all.toBuilder().from(9_990).size(20).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
            assertThatThrownBy(() -> store.aggregate(all, new Aggregation.Terms("message", 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
            // deep groups would overflow the stack of Lucene's recursive parser (a StackOverflowError, a 500)
            String deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
            assertThatThrownBy(() -> store.search(all.toBuilder().query(deep).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested more than 100");
            assertThat(store.count(all.toBuilder().query("(".repeat(50) + "x" + ")".repeat(50)).build())).isEqualTo(2);
            assertThat(store.count(all.toBuilder().query("message:\"" + "(".repeat(500) + "\" OR x").build()))
                    .isEqualTo(2);
        }
    }

    @Test
    void queriesBeyondLuceneLimitsAreBadInput() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                ContractEvents.basic().forEach(writer::add);
            }
            assertThatThrownBy(() -> store.count(SearchRequest.builder("idx").query("message:/[ac]*a[ac]{60}/").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too complex");
            String manyTerms = String.join(" OR ", java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "t" + i).toList());
            assertThatThrownBy(() -> store.count(SearchRequest.builder("idx").query(manyTerms).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many");
        }
    }

    @Test
    void closedStoreRefusesWork() {
        LuceneEventStore store = new LuceneEventStore(dir);
        store.createIndex("idx");
        store.close();
        store.close();
        assertThatThrownBy(() -> store.search(SearchRequest.builder("idx").build()))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * First pages search in widening time windows from the end the order starts at: pages and
     * cursors must give exactly the order of a full sort, with ties (same timestamp, by id) cut by
     * page ends, windows that hold only an outlier, and cursors far from the first window; with a
     * time range far from the oldest and newest events too (the windows then start at its edge).
     */
    private record Row(String id, long t, boolean third) {
    }

    @Test
    void pagesInBothOrdersMatchAFullSortThroughTimeWindows() {
        Random random = new Random(19);
        List<Row> all = new ArrayList<>();
        try (LuceneEventStore store = new LuceneEventStore(dir, new LuceneStoreOptions(16, 100, 2, 10))) {
            store.createIndex("idx");
            try (BulkWriter writer = store.bulkWriter("idx")) {
                for (int i = 0; i < 3000; i++) {
                    // two bursts a day apart, about 1.5 events per second, and one event a day before and after
                    long t = i == 0 ? -24 * HOUR : i == 1 ? 72 * HOUR
                            : (i % 2 == 0 ? 0 : 24 * HOUR) + random.nextInt(1000) * SECOND;
                    String id = String.format("e%05d", random.nextInt(100_000)) + "-" + i;
                    writer.add(event(id, t, 1, "n", i % 3 == 0 ? "third" : "other"));
                    all.add(new Row(id, t, i % 3 == 0));
                }
            }
            store.refresh("idx");
            List<Filter.TimeRange> ranges = List.of(new Filter.TimeRange(Long.MIN_VALUE, Long.MAX_VALUE, false),
                    new Filter.TimeRange(200 * SECOND, 24 * HOUR + 700 * SECOND, false));
            for (SortOrder order : SortOrder.values()) {
                for (String query : List.of("*", "n:third")) {
                    for (Filter.TimeRange range : ranges) {
                        String what = order + " " + query + " " + range.startMicros() + ".." + range.endMicros();
                        Comparator<Row> byTime = Comparator.comparingLong(Row::t);
                        List<String> expected = all.stream().filter(e -> query.equals("*") || e.third())
                                .filter(e -> e.t() >= range.startMicros() && e.t() <= range.endMicros())
                                .sorted((order == SortOrder.ASC ? byTime : byTime.reversed()).thenComparing(Row::id))
                                .map(Row::id).toList();
                        List<String> paged = new ArrayList<>();
                        Optional<SearchAfter> after = Optional.empty();
                        do {
                            SearchRequest.Builder request = SearchRequest.builder("idx").query(query).filter(range)
                                    .order(order).size(37);
                            after.ifPresent(request::after);
                            var result = store.search(request.build());
                            result.hits().forEach(h -> paged.add(h.id()));
                            after = result.next();
                        } while (after.isPresent());
                        assertThat(paged).as(what).containsExactlyElementsOf(expected);
                        List<String> offset = store.search(SearchRequest.builder("idx").query(query).filter(range)
                                .order(order).from(50).size(25).build()).hits().stream().map(StoredEvent::id).toList();
                        assertThat(offset).as(what + " from 50").containsExactlyElementsOf(expected.subList(50, 75));
                    }
                }
            }
        }
    }
}
