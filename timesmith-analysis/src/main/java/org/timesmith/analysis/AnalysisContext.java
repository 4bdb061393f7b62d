package org.timesmith.analysis;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Everything one analyzer run may use, in the spirit of Timesketch's sketch facade for analyzers:
 * read the run's events (streamed, or in parallel slices), annotate them in bulk, add saved
 * searches, aggregations, stories, DFIQ questions and conclusions resting on events, and report
 * progress and log lines. Every read is limited to the run's timelines, so an analyzer cannot see
 * or annotate other timelines by accident; no store, SQL or Spring is in sight.
 *
 * <p><b>Nothing is written until the run succeeds.</b> Annotations and created objects are buffered
 * by the context and committed when {@link Analyzer#run} returns (objects in one transaction, then the
 * annotations); a run that throws leaves nothing behind. So {@link Pending} handles carry no ids
 * yet; the ids are in the run's {@link AnalysisResult}. Buffers hold findings only (a query, or the
 * ids of the events annotated), never the events read.
 */
public interface AnalysisContext {

    long sketchId();

    /** The timelines this run analyses. */
    Set<Long> timelineIds();

    /** The run's keyword arguments as the client sent them (JSON values as Java values). */
    Map<String, Object> kwargs();

    /** The keyword argument as a string, if given and not null. */
    default Optional<String> kwarg(String name) {
        return Optional.ofNullable(kwargs().get(name)).map(Object::toString);
    }

    /** Something the host offers analyzers (for example the installed Sigma rules), by type. */
    <T> Optional<T> resource(Class<T> type);

    // ---- reading

    /** Every match of the query (blank or {@code *}: all events) in the run's timelines, oldest first; only {@code fields} (all if empty). */
    default EventStream stream(String query, List<String> fields) {
        return stream(query, fields, timelineIds());
    }

    /**
     * Every match of the query in the run's timelines with only {@code fields} (at least one), in no
     * particular order, read where the store keeps them in columns ({@link
     * org.timesmith.core.store.EventStore#streamColumns}): for analyzers that read a few fields of
     * every event and need no order. The default is {@link #stream(String, List)}.
     */
    default EventStream streamColumns(String query, List<String> fields) {
        return stream(query, fields);
    }

    /** As {@link #stream(String, List)}, over some of the run's timelines. */
    EventStream stream(String query, List<String> fields, Set<Long> timelineIds);

    /**
     * Calls {@code action} for every match, reading slices (timelines, then time ranges) in parallel
     * where the store allows; the action must be thread-safe. Memory stays constant.
     *
     * @return the number of events read
     */
    long forEachEvent(String query, List<String> fields, Consumer<StoredEvent> action);

    long count(String query);

    /** The event with this id among the run's timelines, if there is one (not counted as seen). */
    Optional<EventRef> find(String eventId);

    // ---- annotating (buffered until the run succeeds)

    /** Tags every match of the query in the run's timelines; returns how many events match now. */
    long tagMatching(String query, List<String> tags);

    void tag(Collection<EventRef> events, List<String> tags);

    /** Adds the sketch label (for example {@code __ts_star}) to the events. */
    void label(Collection<EventRef> events, String label);

    void addAttributes(Collection<EventRef> events, Map<String, Object> attributes);

    // ---- sketch objects (buffered until the run succeeds)

    Pending addSavedSearch(String name, String query, String description);

    /** A saved aggregation by aggregator name (for example {@code field_bucket}) with its parameters. */
    Pending addAggregation(String name, String aggregator, Map<String, Object> parameters, String chartType);

    /** A story of markdown text blocks. */
    Pending addStory(String title, List<String> markdownBlocks);

    /** The sketch's question with this text, or a new one. */
    Pending question(String text);

    /**
     * The sketch's question with this text, or a new one, marked as {@code marks} says: its priority
     * label only rises, its status is set, attributes it does not hold yet are added. Asking again
     * for the same text in a run merges the marks (the highest priority wins).
     */
    Pending question(String text, QuestionMarks marks);

    /**
     * An automated conclusion to the question, resting on {@code facts}: each event gets
     * Timesketch's fact label {@code __ts_fact_<conclusion id>} and is linked to the conclusion.
     */
    Pending addConclusion(Pending question, String text, Collection<EventRef> facts);

    /**
     * As {@link #addConclusion(Pending, String, Collection)}, with the conclusion's source, status,
     * priority and attributes; an automated conclusion of the question with the same text (one the
     * sketch has, or one this run added) is not duplicated: the facts are added to it.
     */
    Pending addConclusion(Pending question, String text, Collection<EventRef> facts, ConclusionMarks marks);

    // ---- reporting

    void log(String line);

    /** Progress: the fraction done (0..1, or negative if unknown) and the events seen so far. */
    void progress(double fraction, long eventsSeen);

    /** Starts a named step whose duration goes into the result; close it when the step ends. */
    Step step(String name);

    /**
     * How a question is marked: a priority ({@code low}, {@code medium}, {@code high}; the question's
     * {@code __ts_priority_} label, which only rises), a status ({@code pending-review} …) and
     * attributes (name → value, each added once).
     */
    record QuestionMarks(Optional<String> priority, Optional<String> status, Map<String, String> attributes) {
        public QuestionMarks {
            priority.ifPresent(QuestionMarks::checkPriority);
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }

        /** The rank of a priority (0 for none), so marks can be merged by the higher one. */
        public static int rank(Optional<String> priority) {
            return priority.map(p -> PRIORITIES.indexOf(p) + 1).orElse(0);
        }

        /** These marks and {@code other}'s: the higher priority, the later status, all attributes. */
        public QuestionMarks merge(QuestionMarks other) {
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>(attributes);
            other.attributes().forEach(all::putIfAbsent);
            return new QuestionMarks(rank(other.priority()) > rank(priority) ? other.priority() : priority,
                    other.status().or(this::status), all);
        }

        private static void checkPriority(String priority) {
            if (!PRIORITIES.contains(priority)) {
                throw new IllegalArgumentException("a question's priority is one of " + PRIORITIES + ", not " + priority);
            }
        }

        /** The priorities, lowest first. */
        public static final List<String> PRIORITIES = List.of("low", "medium", "high");
    }

    /**
     * How an automated conclusion is marked: its source ({@code AI_GENERATED} …), review status,
     * priority (empty for none) and attributes (a JSON object's members).
     */
    record ConclusionMarks(String source, String status, String priority, Map<String, String> attributes) {
        public ConclusionMarks {
            java.util.Objects.requireNonNull(source);
            java.util.Objects.requireNonNull(status);
            java.util.Objects.requireNonNull(priority);
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }
    }

    /** A handle on an object the run will create; its id exists once the run has committed. */
    record Pending(Kind kind, int key) {
        public enum Kind { SAVED_SEARCH, AGGREGATION, STORY, QUESTION, CONCLUSION }
    }

    /** A timed step; {@link #close} records it. */
    interface Step extends AutoCloseable {
        @Override
        void close();
    }
}
