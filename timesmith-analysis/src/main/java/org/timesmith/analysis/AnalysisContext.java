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
     * An automated conclusion to the question, resting on {@code facts}: each event gets
     * Timesketch's fact label {@code __ts_fact_<conclusion id>} and is linked to the conclusion.
     */
    Pending addConclusion(Pending question, String text, Collection<EventRef> facts);

    // ---- reporting

    void log(String line);

    /** Progress: the fraction done (0..1, or negative if unknown) and the events seen so far. */
    void progress(double fraction, long eventsSeen);

    /** Starts a named step whose duration goes into the result; close it when the step ends. */
    Step step(String name);

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
