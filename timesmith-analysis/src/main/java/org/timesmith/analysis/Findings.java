package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;

/**
 * What a run wants to write, buffered until it succeeds: the objects to create (in order, by
 * pending key) and the annotations (by query, or by event ids grouped per update and index).
 * Thread-safe, because parallel slices annotate. Memory grows with the findings (one id per
 * annotated event, one entry per object), never with the events read.
 */
public final class Findings {

    public record SavedSearch(int key, String name, String query, String description) {
    }

    public record Aggregation(int key, String name, String aggregator, Map<String, Object> parameters, String chartType) {
    }

    public record Story(int key, String title, List<String> blocks) {
    }

    /**
     * A question to create, or (with {@code existingId}) one the sketch already has; {@code marks}
     * (priority, status, attributes) if the analyzer gave any.
     */
    public record Question(int key, String text, OptionalLong existingId,
                           java.util.Optional<AnalysisContext.QuestionMarks> marks) {
    }

    /** A conclusion to add; with {@code marks} it is merged with an identical automated one. */
    public record Conclusion(int key, int questionKey, String text, List<EventRef> facts,
                             java.util.Optional<AnalysisContext.ConclusionMarks> marks) {
    }

    public record QueryUpdate(SearchRequest request, EventUpdate update) {
    }

    private int nextKey;
    private final List<SavedSearch> savedSearches = new ArrayList<>();
    private final List<Aggregation> aggregations = new ArrayList<>();
    private final List<Story> stories = new ArrayList<>();
    private final Map<String, Question> questionsByText = new LinkedHashMap<>();
    private final List<Conclusion> conclusions = new ArrayList<>();
    private final List<QueryUpdate> queryUpdates = new ArrayList<>();
    private final Map<EventUpdate, Map<String, Set<String>>> idUpdates = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> attributes = new LinkedHashSet<>();

    synchronized int nextKey() {
        return nextKey++;
    }

    synchronized void add(SavedSearch s) {
        savedSearches.add(s);
    }

    synchronized void add(Aggregation a) {
        aggregations.add(a);
    }

    synchronized void add(Story s) {
        stories.add(s);
    }

    synchronized Question question(String text, java.util.function.Function<String, OptionalLong> existing) {
        return questionsByText.computeIfAbsent(text, t -> new Question(nextKey++, t, existing.apply(t),
                java.util.Optional.empty()));
    }

    /** The question with this text, its marks merged with those it had in this run. */
    synchronized Question question(String text, java.util.function.Function<String, OptionalLong> existing,
                                   AnalysisContext.QuestionMarks marks) {
        Question q = question(text, existing);
        Question marked = new Question(q.key(), q.text(), q.existingId(),
                java.util.Optional.of(q.marks().map(m -> m.merge(marks)).orElse(marks)));
        questionsByText.put(text, marked);
        return marked;
    }

    synchronized boolean hasQuestion(int key) {
        return questionsByText.values().stream().anyMatch(q -> q.key() == key);
    }

    synchronized void add(Conclusion c) {
        conclusions.add(c);
    }

    /**
     * Adds a marked conclusion, or merges its facts into the marked conclusion of the same question
     * and text this run holds already; returns the key of the one kept.
     */
    synchronized int addOrMerge(Conclusion c) {
        for (int i = 0; i < conclusions.size(); i++) {
            Conclusion held = conclusions.get(i);
            if (held.marks().isPresent() && held.questionKey() == c.questionKey() && held.text().equals(c.text())) {
                Set<EventRef> facts = new LinkedHashSet<>(held.facts());
                facts.addAll(c.facts());
                conclusions.set(i, new Conclusion(held.key(), held.questionKey(), held.text(), List.copyOf(facts),
                        held.marks()));
                return held.key();
            }
        }
        conclusions.add(c);
        return c.key();
    }

    synchronized void add(QueryUpdate u) {
        queryUpdates.add(u);
        noteCreated(u.update());
    }

    synchronized void add(EventUpdate update, java.util.Collection<EventRef> events) {
        Map<String, Set<String>> byIndex = idUpdates.computeIfAbsent(update, u -> new LinkedHashMap<>());
        events.forEach(e -> byIndex.computeIfAbsent(e.index(), i -> new LinkedHashSet<>()).add(e.id()));
        noteCreated(update);
    }

    private void noteCreated(EventUpdate update) {
        if (update instanceof EventUpdate.AddTags t) {
            tags.addAll(t.tags());
        } else if (update instanceof EventUpdate.SetAttributes a) {
            attributes.addAll(a.attributes().keySet());
        }
    }

    public synchronized List<SavedSearch> savedSearches() {
        return List.copyOf(savedSearches);
    }

    public synchronized List<Aggregation> aggregations() {
        return List.copyOf(aggregations);
    }

    public synchronized List<Story> stories() {
        return List.copyOf(stories);
    }

    public synchronized List<Question> questions() {
        return List.copyOf(questionsByText.values());
    }

    public synchronized List<Conclusion> conclusions() {
        return List.copyOf(conclusions);
    }

    public synchronized List<QueryUpdate> queryUpdates() {
        return List.copyOf(queryUpdates);
    }

    /** Update → index → event ids (live view; read only after the run). */
    public synchronized Map<EventUpdate, Map<String, Set<String>>> idUpdates() {
        return idUpdates;
    }

    public synchronized List<String> tags() {
        return List.copyOf(tags);
    }

    public synchronized List<String> attributes() {
        return List.copyOf(attributes);
    }

    /** Frees what was buffered (a failed run). */
    synchronized void clear() {
        savedSearches.clear();
        aggregations.clear();
        stories.clear();
        questionsByText.clear();
        conclusions.clear();
        queryUpdates.clear();
        idUpdates.clear();
    }
}
