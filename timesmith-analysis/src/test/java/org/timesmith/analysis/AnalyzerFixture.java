package org.timesmith.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * One timeline in a real Lucene store for analyzer tests: imported from a shared fixture or from
 * one of this module's own fixtures ({@code src/test/resources/fixtures}), analysed with a
 * {@link LocalAnalysisContext}, and read back by query.
 */
public final class AnalyzerFixture implements AutoCloseable {

    public static final String INDEX = "timeline";
    public final LuceneEventStore store;
    public final TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();
    private LocalAnalysisContext lastContext;

    public AnalyzerFixture(Path directory) {
        this.store = new LuceneEventStore(directory);
    }

    /** A fixture file of this module (its test resources). */
    public static Path own(String name) {
        return Path.of("src/test/resources/fixtures").resolve(name);
    }

    public AnalyzerFixture load(Path... files) throws IOException {
        for (Path file : files) {
            TestTimelines.importFile(store, INDEX, 1, file);
        }
        return this;
    }

    public AnalysisResult run(Analyzer analyzer) {
        return run(analyzer, Map.of());
    }

    public AnalysisResult run(Analyzer analyzer, Map<String, Object> kwargs) {
        lastContext = new LocalAnalysisContext(1, Map.of(1L, INDEX), kwargs, store, listener);
        return AnalysisRun.run(analyzer, lastContext);
    }

    /** What the last run created (saved searches, stories, questions, conclusions …). */
    public List<Object> created() {
        return new ArrayList<>(lastContext.objects().values());
    }

    public <T> List<T> created(Class<T> type) {
        return lastContext.objects().values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The events matching the query, oldest first. */
    public List<StoredEvent> events(String query) {
        List<StoredEvent> events = new ArrayList<>();
        try (EventStream stream = store.stream(SearchRequest.builder(INDEX).query(query).build())) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }

    public long count(String query) {
        return store.count(SearchRequest.builder(INDEX).query(query).build());
    }

    @Override
    public void close() {
        store.close();
    }
}
