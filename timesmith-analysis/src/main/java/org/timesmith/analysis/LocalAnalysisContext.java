package org.timesmith.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.timesmith.core.store.EventStore;

/**
 * A context without a server: events in a real store, created objects kept in memory with ids
 * counted from 1. For analyzer tests, benchmarks and command-line runs; it commits like the
 * server's context, so an analyzer behaves the same in both.
 */
public final class LocalAnalysisContext extends BufferedAnalysisContext {

    private final Map<String, Long> questionIds = new HashMap<>();
    private final Map<Long, Object> objects = new HashMap<>();
    private long nextId = 1;

    public LocalAnalysisContext(long sketchId, Map<Long, String> timelineIndices, Map<String, Object> kwargs,
                                EventStore store, AnalysisListener listener, AnalyzerResources resources) {
        super(sketchId, timelineIndices, kwargs, store, listener, resources,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public LocalAnalysisContext(long sketchId, Map<Long, String> timelineIndices, Map<String, Object> kwargs,
                                EventStore store, AnalysisListener listener) {
        this(sketchId, timelineIndices, kwargs, store, listener, AnalyzerResources.NONE);
    }

    @Override
    protected long userId() {
        return 0;
    }

    @Override
    protected OptionalLong existingQuestion(String text) {
        Long id = questionIds.get(text);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    protected Map<Integer, Long> createObjects(Findings findings) {
        Map<Integer, Long> ids = new HashMap<>();
        findings.savedSearches().forEach(s -> ids.put(s.key(), keep(s)));
        findings.aggregations().forEach(a -> ids.put(a.key(), keep(a)));
        findings.stories().forEach(s -> ids.put(s.key(), keep(s)));
        findings.questions().stream().filter(q -> q.existingId().isEmpty()).forEach(q -> {
            long id = keep(q);
            ids.put(q.key(), id);
            questionIds.put(q.text(), id);
        });
        findings.conclusions().forEach(c -> ids.put(c.key(), keep(c)));
        return ids;
    }

    private long keep(Object object) {
        long id = nextId++;
        objects.put(id, object);
        return id;
    }

    @Override
    protected void deleteObjects(Findings findings, Map<Integer, Long> ids) {
        ids.values().forEach(objects::remove);
        questionIds.values().removeIf(id -> !objects.containsKey(id));
    }

    /** What the committed runs created, by id. */
    public Map<Long, Object> objects() {
        return Map.copyOf(objects);
    }
}
