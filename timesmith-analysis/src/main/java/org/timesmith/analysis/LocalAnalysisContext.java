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
    /** Question id and text of each marked conclusion kept → its id. */
    private final Map<String, Long> markedConclusions = new HashMap<>();
    /** The ids the last {@link #createObjects} created (not those it found), for {@link #deleteObjects}. */
    private final java.util.List<Long> createdLast = new java.util.ArrayList<>();
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
        createdLast.clear();
        Map<Integer, Long> ids = new HashMap<>();
        findings.savedSearches().forEach(s -> ids.put(s.key(), keep(s)));
        findings.aggregations().forEach(a -> ids.put(a.key(), keep(a)));
        findings.stories().forEach(s -> ids.put(s.key(), keep(s)));
        findings.questions().forEach(q -> {
            if (q.existingId().isPresent()) {
                ids.put(q.key(), q.existingId().getAsLong());
                return;
            }
            long id = keep(q);
            ids.put(q.key(), id);
            questionIds.put(q.text(), id);
        });
        for (Findings.Conclusion c : findings.conclusions()) {
            if (c.marks().isEmpty()) {
                ids.put(c.key(), keep(c));
                continue;
            }
            // a marked conclusion the sketch has already (same question and text) is not duplicated
            String same = ids.get(c.questionKey()) + "\u0000" + c.text();
            Long held = markedConclusions.get(same);
            if (held == null || !objects.containsKey(held)) {
                held = keep(c);
                markedConclusions.put(same, held);
            } else {
                Findings.Conclusion before = (Findings.Conclusion) objects.get(held);
                java.util.Set<EventRef> facts = new java.util.LinkedHashSet<>(before.facts());
                facts.addAll(c.facts());
                objects.put(held, new Findings.Conclusion(before.key(), before.questionKey(), before.text(),
                        java.util.List.copyOf(facts), before.marks()));
            }
            ids.put(c.key(), held);
        }
        return ids;
    }

    private long keep(Object object) {
        long id = nextId++;
        objects.put(id, object);
        createdLast.add(id);
        return id;
    }

    @Override
    protected void deleteObjects(Findings findings, Map<Integer, Long> ids) {
        createdLast.forEach(objects::remove);
        questionIds.values().removeIf(id -> !objects.containsKey(id));
    }

    /** What the committed runs created, by id. */
    public Map<Long, Object> objects() {
        return Map.copyOf(objects);
    }
}
