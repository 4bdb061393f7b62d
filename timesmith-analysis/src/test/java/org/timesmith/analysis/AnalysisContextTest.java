package org.timesmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

class AnalysisContextTest {

    @TempDir
    Path dir;

    private static List<Map<String, Object>> events(int n) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", "event " + i);
            e.put("timestamp", 1_000_000L * (i + 1));
            e.put("datetime", java.time.Instant.ofEpochSecond(i + 1).toString());
            e.put("timestamp_desc", "test");
            events.add(e);
        }
        return events;
    }

    /** One conclusion per {@code every} events, the first event of each group as its fact. */
    static final class Every implements Analyzer {
        final int every;
        final boolean failAtEnd;

        Every(int every, boolean failAtEnd) {
            this.every = every;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public String name() {
            return "every";
        }

        @Override
        public String displayName() {
            return "Every";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public AnalyzerOutcome run(AnalysisContext context) {
            AnalysisContext.Pending question = context.question("Is it every N?");
            long n = 0;
            try (EventStream events = context.stream("*", List.of("message"))) {
                while (events.hasNext()) {
                    StoredEvent event = events.next();
                    if (n++ % every == 0) {
                        context.addConclusion(question, "group at " + n, List.of(EventRef.of(event)));
                        context.tag(List.of(EventRef.of(event)), List.of("grouped"));
                    }
                }
            }
            context.addSavedSearch("grouped", "tag:grouped", "");
            context.addStory("Groups", List.of("one per " + every));
            if (failAtEnd) {
                throw new AnalysisException("failed on purpose");
            }
            return AnalyzerOutcome.success(n + " events");
        }
    }

    @Test
    void conclusionsAreWrittenWithFactLabelsWhenTheRunSucceeds() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "idx", 1, events(2500));
            TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();
            LocalAnalysisContext context = new LocalAnalysisContext(3, Map.of(1L, "idx"), Map.of(), store, listener);

            AnalysisResult result = AnalysisRun.run(new Every(1000, false), context);

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(result.created().conclusions()).hasSize(3);
            assertThat(result.created().questions()).hasSize(1);
            assertThat(result.created().savedViews()).hasSize(1);
            assertThat(result.created().stories()).hasSize(1);
            assertThat(result.counts()).containsEntry("events_seen", 2500L).containsEntry("facts", 3L);
            assertThat(result.steps()).extracting(AnalysisResult.StepTiming::name).containsExactly("analyze", "commit");
            assertThat(listener.progress).isEqualTo(2500);
            long conclusion = result.created().conclusions().get(0);
            assertThat(store.count(SearchRequest.builder("idx").query("tag:grouped").build())).isEqualTo(3);
            assertThat(store.count(SearchRequest.builder("idx")
                    .query("timesketch_label.name:__ts_fact_" + conclusion).build())).isEqualTo(1);
            Map<String, Object> json = result.toJson(3, 1, "local");
            assertThat(json).containsEntry("result_status", "SUCCESS").containsKey("platform_meta_data");
        }
    }

    @Test
    void aFailingRunWritesNothing() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "idx", 1, events(1500));
            LocalAnalysisContext context = new LocalAnalysisContext(3, Map.of(1L, "idx"), Map.of(), store,
                    AnalysisListener.NONE);

            AnalysisResult result = AnalysisRun.run(new Every(100, true), context);

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(result.error()).contains("failed on purpose");
            assertThat(result.created()).isEqualTo(AnalysisResult.Created.NOTHING);
            assertThat(context.objects()).isEmpty();
            assertThat(store.count(SearchRequest.builder("idx").query("tag:grouped").build())).isZero();
        }
    }

    /** The store, except that writing fact labels fails (a store failure in the middle of a commit). */
    private static EventStore failingFactLabels(EventStore store) {
        return (EventStore) java.lang.reflect.Proxy.newProxyInstance(EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateEach")) {
                        throw new org.timesmith.core.store.StoreException("disk full (test)");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aCommitThatFailsHalfWayRemovesWhatItWrote() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "idx", 1, events(250));
            LocalAnalysisContext context = new LocalAnalysisContext(3, Map.of(1L, "idx"), Map.of(),
                    failingFactLabels(store), AnalysisListener.NONE);

            AnalysisResult result = AnalysisRun.run(new Every(100, false), context);

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("nothing was kept").contains("disk full"));
            assertThat(context.objects()).isEmpty();
            assertThat(store.count(SearchRequest.builder("idx").query("tag:grouped").build())).isZero();
        }
    }

    @Test
    void forEachEventReadsEveryEventOnceInParallelSlices() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "idx", 1, events(3001));
            TestTimelines.write(store, "idx", 2, events(10));
            LocalAnalysisContext one = new LocalAnalysisContext(3, Map.of(1L, "idx"), Map.of(), store, AnalysisListener.NONE);
            java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicLong calls = new AtomicLong();
            long read = one.forEachEvent("*", List.of(), e -> {
                ids.add(e.id());
                calls.incrementAndGet();
            });
            assertThat(read).isEqualTo(3001);
            assertThat(calls.get()).isEqualTo(3001);
            assertThat(ids).hasSize(3001);
            LocalAnalysisContext both = new LocalAnalysisContext(3, Map.of(1L, "idx", 2L, "idx"), Map.of(), store,
                    AnalysisListener.NONE);
            assertThat(both.forEachEvent("*", List.of(), e -> { })).isEqualTo(3011);
        }
    }
}
