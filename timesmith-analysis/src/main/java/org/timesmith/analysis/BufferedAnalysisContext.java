package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.timesmith.core.event.Label;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;

/**
 * The {@link AnalysisContext} over an {@link EventStore}: reads go straight to the store (limited
 * to the run's timelines), writes are buffered in {@link Findings} until {@link AnalysisRun} commits
 * them. A host supplies where objects live by implementing {@link #createObjects} (one transaction)
 * and {@link #deleteObjects} (undo, when applying the annotations fails after the objects were
 * created); the server's context writes to the metadata database, {@link LocalAnalysisContext}
 * keeps them in memory for tests and benchmarks.
 *
 * <p>Commit order: objects first (so conclusions have ids for their fact labels), then annotations
 * by query and by id, then fact labels; the indices are refreshed. If an annotation fails, the
 * tags and labels already applied are removed again and the objects deleted, so a failed commit
 * leaves nothing behind — except attributes already set, which have no inverse (documented in
 * docs/analyzers.md).
 */
public abstract class BufferedAnalysisContext implements AnalysisContext {

    /** Events per progress report of a stream. */
    private static final int PROGRESS_EVERY = 1000;
    /** Events per store call (one commit each) when writing updates by event id. */
    private static final int ROUND_SIZE = 50_000;

    private final long sketchId;
    private final Map<Long, String> timelineIndices;
    private final Map<String, Object> kwargs;
    private final EventStore store;
    private final AnalysisListener listener;
    private final AnalyzerResources resources;
    private final int parallelism;
    protected final Findings findings = new Findings();
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong eventsTagged = new AtomicLong();
    private final List<AnalysisResult.StepTiming> steps = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param timelineIndices timeline id → index name, in the order the timelines were given
     * @param parallelism     how many slices {@link #forEachEvent} reads at once
     */
    protected BufferedAnalysisContext(long sketchId, Map<Long, String> timelineIndices, Map<String, Object> kwargs,
                                      EventStore store, AnalysisListener listener, AnalyzerResources resources,
                                      int parallelism) {
        if (timelineIndices.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one timeline");
        }
        this.sketchId = sketchId;
        this.timelineIndices = Collections.unmodifiableMap(new LinkedHashMap<>(timelineIndices));
        this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        this.store = store;
        this.listener = listener;
        this.resources = resources;
        this.parallelism = Math.max(1, parallelism);
    }

    // ---- host hooks

    /** The user the run acts for (labels carry it). */
    protected abstract long userId();

    /** The sketch's question with this text, if it has one. */
    protected abstract OptionalLong existingQuestion(String text);

    /** Creates the buffered objects and fact links in one transaction; returns pending key → id. */
    protected abstract Map<Integer, Long> createObjects(Findings findings);

    /** Deletes what {@link #createObjects} created (a commit that failed later). */
    protected abstract void deleteObjects(Findings findings, Map<Integer, Long> ids);

    // ---- reading

    @Override
    public long sketchId() {
        return sketchId;
    }

    @Override
    public Set<Long> timelineIds() {
        return timelineIndices.keySet();
    }

    @Override
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public <T> Optional<T> resource(Class<T> type) {
        return resources.get(type);
    }

    private List<String> indicesOf(Collection<Long> timelines) {
        return timelines.stream().map(timelineIndices::get).distinct().toList();
    }

    private SearchRequest.Builder request(String query, Set<Long> timelines) {
        if (!timelineIndices.keySet().containsAll(timelines) || timelines.isEmpty()) {
            throw new IllegalArgumentException("timelines " + timelines + " are not (all) part of this run "
                    + timelineIndices.keySet());
        }
        return SearchRequest.builder().indices(indicesOf(timelines)).query(query)
                .filter(new Filter.Timelines(Set.copyOf(timelines), false));
    }

    @Override
    public EventStream stream(String query, List<String> fields, Set<Long> timelines) {
        SearchRequest request = request(query, timelines).fields(fields).build();
        long total = store.count(request);
        return new CountingStream(store.stream(request), total);
    }

    @Override
    public EventStream streamColumns(String query, List<String> fields) {
        SearchRequest request = request(query, timelineIds()).fields(fields).build();
        long total = store.count(request);
        return new CountingStream(store.streamColumns(request), total);
    }

    @Override
    public Optional<EventRef> find(String eventId) {
        String query = "_id:\"" + eventId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        SearchResult result = store.search(request(query, timelineIds()).size(1).fields(List.of("timestamp")).build());
        return result.hits().stream().findFirst().map(EventRef::of);
    }

    @Override
    public long count(String query) {
        return store.count(request(query, timelineIds()).build());
    }

    @Override
    public long forEachEvent(String query, List<String> fields, Consumer<StoredEvent> action) {
        List<SearchRequest> slices = slices(query, fields);
        long total = slices.stream().mapToLong(store::count).sum();
        AtomicLong seen = new AtomicLong();
        if (slices.size() == 1) {
            readSlice(slices.get(0), action, seen, total);
            return seen.get();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, slices.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SearchRequest slice : slices) {
                futures.add(pool.submit(() -> readSlice(slice, action, seen, total)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AnalysisException("reading events failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisException("the run was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return seen.get();
    }

    private void readSlice(SearchRequest slice, Consumer<StoredEvent> action, AtomicLong seen, long total) {
        try (EventStream events = store.stream(slice)) {
            while (events.hasNext()) {
                action.accept(events.next());
                long n = seen.incrementAndGet();
                long all = eventsSeen.incrementAndGet();
                if (n % PROGRESS_EVERY == 0) {
                    listener.progress(total == 0 ? 1 : (double) n / total, all);
                }
            }
        }
    }

    /**
     * The slices a parallel read uses: one per timeline; a single timeline is cut into time ranges
     * of about equal width between its first and last matching event.
     */
    private List<SearchRequest> slices(String query, List<String> fields) {
        List<SearchRequest> slices = new ArrayList<>();
        if (timelineIds().size() > 1 || parallelism == 1) {
            for (long timeline : timelineIds()) {
                slices.add(request(query, Set.of(timeline)).fields(fields).build());
            }
            return slices;
        }
        SearchRequest all = request(query, timelineIds()).fields(fields).build();
        OptionalLong first = edge(all, SortOrder.ASC);
        OptionalLong last = edge(all, SortOrder.DESC);
        if (first.isEmpty() || last.isEmpty() || last.getAsLong() - first.getAsLong() < parallelism) {
            return List.of(all);
        }
        long start = first.getAsLong();
        long width = (last.getAsLong() - start) / parallelism + 1;
        for (int i = 0; i < parallelism; i++) {
            long from = start + i * width;
            long to = i == parallelism - 1 ? last.getAsLong() : from + width - 1;
            List<Filter> filters = new ArrayList<>(all.filters());
            filters.add(new Filter.TimeRange(from, to, false));
            slices.add(all.toBuilder().filters(filters).build());
        }
        return slices;
    }

    private OptionalLong edge(SearchRequest all, SortOrder order) {
        SearchResult result = store.search(all.toBuilder().order(order).size(1).fields(List.of("timestamp")).build());
        if (result.hits().isEmpty() || !(result.hits().get(0).source().get("timestamp") instanceof Number n)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.longValue());
    }

    /** Counts events seen and reports progress as an analyzer walks a stream. */
    private final class CountingStream implements EventStream {
        private final EventStream inner;
        private final long total;
        private long seen;

        CountingStream(EventStream inner, long total) {
            this.inner = inner;
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public StoredEvent next() {
            StoredEvent event = inner.next();
            seen++;
            long all = eventsSeen.incrementAndGet();
            if (seen % PROGRESS_EVERY == 0 || seen == total) {
                listener.progress(total == 0 ? 1 : (double) seen / total, all);
            }
            return event;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    // ---- annotating

    @Override
    public long tagMatching(String query, List<String> tags) {
        SearchRequest request = request(query, timelineIds()).build();
        long matches = store.count(request);
        if (matches > 0) {
            findings.add(new Findings.QueryUpdate(request, new EventUpdate.AddTags(List.copyOf(tags))));
            eventsTagged.addAndGet(matches);
        }
        return matches;
    }

    @Override
    public void tag(Collection<EventRef> events, List<String> tags) {
        checkIndices(events);
        findings.add(new EventUpdate.AddTags(List.copyOf(tags)), events);
        eventsTagged.addAndGet(events.size());
    }

    @Override
    public void label(Collection<EventRef> events, String label) {
        checkIndices(events);
        findings.add(new EventUpdate.AddLabel(new Label(label, sketchId, userId())), events);
    }

    @Override
    public void addAttributes(Collection<EventRef> events, Map<String, Object> attributes) {
        checkIndices(events);
        findings.add(new EventUpdate.SetAttributes(Map.copyOf(attributes)), events);
    }

    private void checkIndices(Collection<EventRef> events) {
        for (EventRef event : events) {
            if (!timelineIndices.containsValue(event.index())) {
                throw new IllegalArgumentException("event " + event.id() + " is in index " + event.index()
                        + ", not in this run's timelines");
            }
        }
    }

    // ---- objects

    @Override
    public Pending addSavedSearch(String name, String query, String description) {
        int key = findings.nextKey();
        findings.add(new Findings.SavedSearch(key, name, query, description));
        return new Pending(Pending.Kind.SAVED_SEARCH, key);
    }

    @Override
    public Pending addAggregation(String name, String aggregator, Map<String, Object> parameters, String chartType) {
        int key = findings.nextKey();
        findings.add(new Findings.Aggregation(key, name, aggregator, Map.copyOf(parameters), chartType));
        return new Pending(Pending.Kind.AGGREGATION, key);
    }

    @Override
    public Pending addStory(String title, List<String> markdownBlocks) {
        int key = findings.nextKey();
        findings.add(new Findings.Story(key, title, List.copyOf(markdownBlocks)));
        return new Pending(Pending.Kind.STORY, key);
    }

    @Override
    public Pending question(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a question needs a text");
        }
        return new Pending(Pending.Kind.QUESTION, findings.question(text.strip(), this::existingQuestion).key());
    }

    @Override
    public Pending question(String text, QuestionMarks marks) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a question needs a text");
        }
        return new Pending(Pending.Kind.QUESTION, findings.question(text.strip(), this::existingQuestion, marks).key());
    }

    @Override
    public Pending addConclusion(Pending question, String text, Collection<EventRef> facts) {
        checkQuestion(question, facts);
        int key = findings.nextKey();
        findings.add(new Findings.Conclusion(key, question.key(), text, List.copyOf(facts), Optional.empty()));
        return new Pending(Pending.Kind.CONCLUSION, key);
    }

    @Override
    public Pending addConclusion(Pending question, String text, Collection<EventRef> facts, ConclusionMarks marks) {
        checkQuestion(question, facts);
        int key = findings.addOrMerge(new Findings.Conclusion(findings.nextKey(), question.key(), text,
                List.copyOf(new java.util.LinkedHashSet<>(facts)), Optional.of(marks)));
        return new Pending(Pending.Kind.CONCLUSION, key);
    }

    private void checkQuestion(Pending question, Collection<EventRef> facts) {
        if (question.kind() != Pending.Kind.QUESTION || !findings.hasQuestion(question.key())) {
            throw new IllegalArgumentException("not a question of this run: " + question);
        }
        checkIndices(facts);
    }

    // ---- reporting

    @Override
    public void log(String line) {
        listener.log(line);
    }

    @Override
    public void progress(double fraction, long eventsSeen) {
        listener.progress(fraction, eventsSeen);
    }

    @Override
    public Step step(String name) {
        long start = System.nanoTime();
        return () -> steps.add(new AnalysisResult.StepTiming(name, (System.nanoTime() - start) / 1_000_000));
    }

    // ---- commit (AnalysisRun)

    List<AnalysisResult.StepTiming> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events_seen", eventsSeen.get());
        counts.put("events_tagged", eventsTagged.get());
        counts.put("saved_searches", (long) findings.savedSearches().size());
        counts.put("aggregations", (long) findings.aggregations().size());
        counts.put("stories", (long) findings.stories().size());
        counts.put("questions", findings.questions().stream().filter(q -> q.existingId().isEmpty()).count());
        counts.put("conclusions", (long) findings.conclusions().size());
        counts.put("facts", findings.conclusions().stream().mapToLong(c -> c.facts().size()).sum());
        return counts;
    }

    void discard() {
        findings.clear();
    }

    /** Writes the findings; on failure nothing stays written (see the class comment) and it throws. */
    AnalysisResult.Created commit() {
        Map<Integer, Long> ids = findings.savedSearches().isEmpty() && findings.aggregations().isEmpty()
                && findings.stories().isEmpty() && findings.questions().isEmpty() ? Map.of() : createObjects(findings);
        List<Runnable> undo = new ArrayList<>();
        try {
            for (Findings.QueryUpdate update : findings.queryUpdates()) {
                store.updateByQuery(update.request(), update.update());
                inverse(update.update()).ifPresent(back -> undo.add(() -> store.updateByQuery(update.request(), back)));
            }
            Map<String, List<Map<String, EventUpdate>>> rounds = new LinkedHashMap<>();
            findings.idUpdates().forEach((update, byIndex) -> byIndex.forEach((index, eventIds) ->
                    eventIds.forEach(id -> addToRound(rounds, index, id, update))));
            applyRounds(rounds, undo);
            applyFactLabels(ids, undo);
        } catch (RuntimeException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (!ids.isEmpty()) {
                deleteObjects(findings, ids);
            }
            throw e;
        } finally {
            timelineIndices.values().stream().distinct().forEach(store::refresh);
        }
        return created(ids);
    }

    /** Each conclusion's facts get its label, in as few store calls as possible (see {@link #addToRound}). */
    private void applyFactLabels(Map<Integer, Long> ids, List<Runnable> undo) {
        Map<String, List<Map<String, EventUpdate>>> rounds = new LinkedHashMap<>();
        for (Findings.Conclusion conclusion : findings.conclusions()) {
            Label label = new Label(factLabel(ids.get(conclusion.key())), sketchId, userId());
            for (EventRef fact : conclusion.facts()) {
                addToRound(rounds, fact.index(), fact.id(), new EventUpdate.AddLabel(label));
            }
        }
        applyRounds(rounds, undo);
    }

    /**
     * Updates by event id are written in rounds of event id → update, one store call (one commit)
     * per round, so that many events with different updates (a session number each, a fact label
     * each) cost a few commits, not one per distinct update. An event with several updates is in
     * several rounds; a round holds at most {@link #ROUND_SIZE} events.
     */
    private static void addToRound(Map<String, List<Map<String, EventUpdate>>> rounds, String index, String id,
                                   EventUpdate update) {
        List<Map<String, EventUpdate>> ofIndex = rounds.computeIfAbsent(index, i -> new ArrayList<>());
        Map<String, EventUpdate> round = null;
        for (Map<String, EventUpdate> candidate : ofIndex) {
            // size first: in a million-event run each id passes up to twenty full rounds, and a size is cheaper than a lookup
            if (candidate.size() < ROUND_SIZE && !candidate.containsKey(id)) {
                round = candidate;
                break;
            }
        }
        if (round == null) {
            round = new LinkedHashMap<>();
            ofIndex.add(round);
        }
        round.put(id, update);
    }

    private void applyRounds(Map<String, List<Map<String, EventUpdate>>> rounds, List<Runnable> undo) {
        rounds.forEach((index, ofIndex) -> {
            for (Map<String, EventUpdate> round : ofIndex) {
                store.updateEach(index, round);
                Map<String, EventUpdate> back = new LinkedHashMap<>();
                round.forEach((id, update) -> inverse(update).ifPresent(inverse -> back.put(id, inverse)));
                if (!back.isEmpty()) {
                    undo.add(() -> store.updateEach(index, back));
                }
            }
        });
    }

    private static Optional<EventUpdate> inverse(EventUpdate update) {
        return switch (update) {
            case EventUpdate.AddTags t -> Optional.of(new EventUpdate.RemoveTags(t.tags()));
            case EventUpdate.AddLabel l -> Optional.of(new EventUpdate.RemoveLabel(l.label()));
            default -> Optional.empty();
        };
    }

    /** Timesketch's label of the events a conclusion rests on. */
    public static String factLabel(long conclusionId) {
        return "__ts_fact_" + conclusionId;
    }

    private AnalysisResult.Created created(Map<Integer, Long> ids) {
        return new AnalysisResult.Created(
                findings.savedSearches().stream().map(s -> ids.get(s.key())).toList(),
                findings.stories().stream().map(s -> ids.get(s.key())).toList(),
                findings.aggregations().stream().map(a -> ids.get(a.key())).toList(),
                findings.questions().stream().map(q -> q.existingId().isPresent() ? q.existingId().getAsLong() : ids.get(q.key()))
                        .toList(),
                findings.conclusions().stream().map(c -> ids.get(c.key())).toList(),
                findings.tags(), findings.attributes());
    }
}
