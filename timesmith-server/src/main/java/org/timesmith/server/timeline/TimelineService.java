package org.timesmith.server.timeline;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.LabelChange;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Timelines of a sketch and the search indices behind them: creating, deriving a timeline's status
 * from its data sources, and deleting a timeline so that its events really leave the store.
 */
@Service
public class TimelineService {

    private static final List<String> COLORS = List.of("FFB347", "AEC6CF", "77DD77", "F49AC2", "CB99C9", "FDFD96",
            "FF6961", "B39EB5", "836953", "779ECB", "966FD6", "C23B22");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TimelineService.class);
    /** More distinct timeline ids than this in one index is not an index a timeline can stand for. */
    private static final int MAX_STAMPED_TIMELINES = 10_000;

    private final TimelineRepository repository;
    private final EventStore store;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public TimelineService(TimelineRepository repository, @Lazy EventStore store, ObjectMapper json) {
        this.repository = repository;
        this.store = store;
        this.json = json;
    }

    /**
     * Sets a timeline's name, description, color and, when asked, changes its labels: a label
     * change that changes nothing is a 400, as Timesketch answers.
     */
    public void update(Timeline timeline, TimelineUpdate update) {
        String labelString = timeline.labelString();
        if (update.labels().isPresent()) {
            labelString = changedLabels(labelString, update.labels().get());
        }
        repository.updateTimeline(timeline.id(), update.name(), update.description(), update.color(), labelString);
    }

    private String changedLabels(String labelString, LabelChange change) {
        List<String> labels = WireValues.labels(json, labelString);
        if (!change.applyTo(labels)) {
            throw ApiException.badRequest("The labels of the timeline did not change.");
        }
        return WireValues.labelString(json, labels);
    }

    /** A fresh index name: 32 lowercase hex characters, like Timesketch's uuid4().hex. */
    public String newIndexName() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String colorFor(long sketchId) {
        return COLORS.get(repository.timelines(sketchId).size() % COLORS.size());
    }

    /** A timeline of the sketch (404 if it belongs to another sketch or does not exist). */
    public Timeline timelineOf(SketchAccess access, long timelineId) {
        return repository.timeline(timelineId).filter(t -> t.sketchId() == access.sketchId())
                .orElseThrow(() -> ApiException.notFound("No timeline found with this ID in the sketch."));
    }

    /**
     * Gives the events of the timeline's index that carry no timeline id this timeline's id
     * ({@code event/add_timeline_id/}, the last steps of adding a timeline for an index filled
     * outside Timesmith). The events are rewritten whole through a bulk writer under their own
     * ids, so nothing is duplicated and running it again changes nothing. Returns how many were
     * given the id.
     */
    public long assignTimelineId(SketchAccess access, long searchIndexId, long timelineId) {
        Timeline timeline = timelineOf(access, timelineId);
        if (timeline.searchIndexId() != searchIndexId) {
            throw ApiException.badRequest("Timeline " + timelineId + " is not on search index " + searchIndexId + ".");
        }
        SearchIndex index = repository.index(searchIndexId).filter(i -> !i.deleted())
                .orElseThrow(() -> ApiException.notFound("No search index found with this ID."));
        if (!store.indexExists(index.indexName())) {
            throw ApiException.badRequest("The search index " + index.indexName() + " has no events in the store.");
        }
        ObjectNode withoutTimeline = JsonNodeFactory.instance.objectNode();
        withoutTimeline.putObject("bool").putArray("must_not").addObject().putObject("exists")
                .put("field", Event.TIMELINE_ID);
        SearchRequest request = SearchRequest.builder().indices(List.of(index.indexName())).dsl(withoutTimeline)
                .build();
        long assigned = 0;
        try (EventStream events = store.stream(request); BulkWriter writer = store.bulkWriter(index.indexName())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Map<String, Object> source = new LinkedHashMap<>(event.source());
                source.put(Event.TIMELINE_ID, timelineId);
                writer.add(new Event(event.id(), source));
                assigned++;
            }
            writer.flush();
        }
        store.refresh(index.indexName());
        return assigned;
    }

    /**
     * How many events the sketch's timelines hold ({@code GET sketches/{id}/count/}): the events of
     * every timeline that is not archived, counted in the store by the timeline ids whose events they
     * show, so another sketch's timeline on a shared index is counted only when this sketch holds it.
     */
    public long eventCount(SketchAccess access) {
        Map<String, Set<Long>> byIndex = new LinkedHashMap<>();
        for (Timeline timeline : repository.timelines(access.sketchId())) {
            if (Timeline.ARCHIVED.equals(timeline.status())) {
                continue;
            }
            repository.index(timeline.searchIndexId()).map(SearchIndex::indexName).filter(store::indexExists)
                    .ifPresent(index -> byIndex.computeIfAbsent(index, k -> new HashSet<>()).add(timeline.id()));
        }
        if (byIndex.isEmpty()) {
            return 0;
        }
        Set<Long> ids = new HashSet<>();
        byIndex.values().forEach(ids::addAll);
        repository.eventTimelineIds(Set.copyOf(ids)).values().forEach(ids::addAll);
        return store.count(SearchRequest.builder().indices(List.copyOf(byIndex.keySet()))
                .filter(new Filter.Timelines(ids, false)).size(0).build());
    }

    /**
     * The field names of a timeline's events, sorted, without {@code datetime}, {@code timestamp}
     * and {@code __ts_timeline_id} ({@code GET sketches/{sid}/timelines/{tid}/fields/}). Like
     * Timesketch it reads one event per data type (plus one without a data type), so the cost
     * grows with the number of data types, not of events.
     */
    public SortedSet<String> fieldNames(SketchAccess access, long timelineId) {
        Timeline timeline = timelineOf(access, timelineId);
        SortedSet<String> fields = new TreeSet<>();
        Optional<String> indexName = repository.index(timeline.searchIndexId()).map(SearchIndex::indexName)
                .filter(store::indexExists);
        if (indexName.isEmpty()) {
            return fields;
        }
        SearchRequest timelineOnly = SearchRequest.builder().indices(List.of(indexName.get()))
                .filter(new Filter.Timelines(eventTimelineIds(timeline), false)).build();
        List<SearchRequest> samples = new ArrayList<>();
        if (store.aggregate(timelineOnly.toBuilder().size(0).build(), new Aggregation.Terms(Event.DATA_TYPE, 10_000))
                instanceof AggregationResult.Terms terms) {
            for (AggregationResult.TermBucket bucket : terms.buckets()) {
                samples.add(timelineOnly.toBuilder().filter(new Filter.Term(Event.DATA_TYPE, bucket.key(), false))
                        .size(1).build());
            }
        }
        ObjectNode noDataType = JsonNodeFactory.instance.objectNode();
        noDataType.putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", Event.DATA_TYPE);
        samples.add(timelineOnly.toBuilder().dsl(noDataType).size(1).build());
        for (SearchRequest sample : samples) {
            for (StoredEvent event : store.search(sample).hits()) {
                fields.addAll(event.source().keySet());
            }
        }
        fields.removeAll(Set.of(Event.DATETIME, Event.TIMESTAMP, Event.TIMELINE_ID));
        return fields;
    }

    /** The sketch's timelines, in the order they were added. */
    public List<Timeline> timelines(SketchAccess access) {
        return repository.timelines(access.sketchId());
    }

    /** The data sources of the sketch's timelines, by timeline ({@code GET sketches/{id}/datasource/}). */
    public Map<Timeline, List<DataSource>> dataSources(SketchAccess access) {
        requireNotArchived(access);
        Map<Timeline, List<DataSource>> sources = new LinkedHashMap<>();
        for (Timeline timeline : repository.timelines(access.sketchId())) {
            sources.put(timeline, repository.dataSources(timeline.id()));
        }
        return sources;
    }

    /** One data source of a timeline of the sketch (404 if there is none with this id in the sketch). */
    public DataSource dataSource(SketchAccess access, long dataSourceId) {
        requireNotArchived(access);
        return repository.dataSource(dataSourceId)
                .filter(source -> repository.timeline(source.timelineId())
                        .filter(t -> t.sketchId() == access.sketchId()).isPresent())
                .orElseThrow(() -> ApiException.notFound("No DataSource found with this ID in the sketch."));
    }

    private static void requireNotArchived(SketchAccess access) {
        if (access.sketch().archived()) {
            throw ApiException.badRequest("Unable to fetch data sources from an archived sketch.");
        }
    }

    /** Timesketch's rule: all data sources failed → fail; any still running → processing; else ready. */
    public void refreshStatus(long timelineId) {
        repository.refreshTimelineStatus(timelineId);
    }

    /**
     * Detaches the timeline from its sketch, as Timesketch does: if no other live timeline (in a
     * sketch that is not deleted, neither archived nor failed) shows the index, the index is
     * archived (closed, its events kept, so an administrator can bring it back); otherwise only this
     * timeline's events leave it.
     */
    public void delete(SketchAccess access, Timeline timeline) {
        if (!access.can(Permission.WRITE)) {
            throw ApiException.forbidden("User does not have write access to the sketch.");
        }
        if (repository.dataSources(timeline.id()).stream().anyMatch(DataSource::unfinished)) {
            throw ApiException.badRequest("The timeline is still being imported; delete it when the import has ended.");
        }
        boolean lastLive = repository.liveTimelinesOfIndex(timeline.searchIndexId()).stream()
                .allMatch(t -> t.id() == timeline.id());
        if (lastLive) {
            archiveIndex(timeline.searchIndexId());
        } else {
            deleteEvents(timeline);
        }
        repository.deleteTimeline(timeline.id());
    }

    /**
     * Closes the indices of a soft-deleted sketch that no live timeline of another sketch shows
     * (Timesketch's soft delete frees the cluster's resources this way; a shared index stays open).
     */
    public void closeUnusedIndices(long sketchId) {
        for (long searchIndexId : repository.timelines(sketchId).stream().map(Timeline::searchIndexId)
                .distinct().toList()) {
            if (repository.liveTimelinesOfIndex(searchIndexId).isEmpty()) {
                repository.index(searchIndexId).ifPresent(index -> store.closeIndex(index.indexName()));
            }
        }
    }

    /** Opens the index of a timeline that shows events again (unarchived sketch, new upload). */
    public void reopenIndex(long searchIndexId) {
        repository.index(searchIndexId).ifPresent(index -> store.openIndex(index.indexName()));
    }

    private void archiveIndex(long searchIndexId) {
        repository.index(searchIndexId).ifPresent(index -> {
            store.closeIndex(index.indexName());
            repository.setIndexStatus(index.id(), Timeline.ARCHIVED);
        });
    }

    /**
     * Removes a timeline's events from its index (used by timeline and sketch deletion), except
     * those another sketch's timeline still shows: deleting a shared timeline in one sketch leaves
     * the other intact. Events of an already deleted timeline that only this one still showed go
     * with it.
     */
    public void deleteEvents(Timeline timeline) {
        SearchIndex index = repository.index(timeline.searchIndexId()).orElseThrow();
        if (!store.indexExists(index.indexName())) {
            return;
        }
        store.openIndex(index.indexName());
        Set<Long> unshown = new TreeSet<>();
        if (!repository.eventsShownElsewhere(timeline.id(), timeline.id())) {
            unshown.add(timeline.id());
        }
        for (long source : repository.eventSources(timeline.id())) {
            if (repository.timeline(source).isEmpty() && !repository.eventsShownElsewhere(source, timeline.id())) {
                unshown.add(source);
            }
        }
        unshown.forEach(id -> store.deleteTimeline(index.indexName(), id));
        store.refresh(index.indexName());
    }

    /** The {@code __ts_timeline_id} values of the events a timeline shows (its own id first among them). */
    public Set<Long> eventTimelineIds(Timeline timeline) {
        return repository.eventTimelineIds(List.of(timeline.id())).get(timeline.id());
    }

    /**
     * Adds a timeline for an existing search index to the sketch (§4, {@code POST timelines/}), or
     * answers the sketch's timeline already on that index. The new timeline shows every event the
     * index holds now and later for the timelines already on it, also when those events' own
     * timeline is deleted; annotations stay per sketch because labels carry the sketch id.
     * Returns the timeline and whether it was created.
     */
    public Map.Entry<Timeline, Boolean> addIndexToSketch(SketchAccess access, SearchIndex index, String name) {
        for (Timeline existing : repository.timelines(access.sketchId())) {
            if (existing.searchIndexId() == index.id()) {
                return Map.entry(existing, false);
            }
        }
        Set<Long> shown = new TreeSet<>();
        repository.timelinesOfIndex(index.id()).forEach(t -> shown.add(t.id()));
        if (store.indexExists(index.indexName()) && store.aggregate(SearchRequest.builder()
                        .indices(List.of(index.indexName())).size(0).build(),
                new Aggregation.Terms(Event.TIMELINE_ID, MAX_STAMPED_TIMELINES)) instanceof AggregationResult.Terms stamped) {
            if (stamped.otherCount() > 0) {
                throw ApiException.badRequest("The index " + index.indexName() + " holds events of more than "
                        + MAX_STAMPED_TIMELINES + " timelines; it cannot be added to a sketch as one timeline.");
            }
            long unstamped = 0;
            for (AggregationResult.TermBucket bucket : stamped.buckets()) {
                try {
                    shown.add(Long.parseLong(bucket.key()));
                } catch (NumberFormatException e) {
                    unstamped += bucket.count();
                }
            }
            if (unstamped > 0) {
                // Not a timeline id Timesmith wrote: such events are shown as no timeline's, and that is said.
                LOG.warn("index {} added to sketch {}: {} events carry a {} that is not a timeline id and are not"
                        + " shown; stamp them with event/add_timeline_id/", index.indexName(), access.sketchId(),
                        unstamped, Event.TIMELINE_ID);
            }
        }
        Timeline timeline = repository.createTimeline(access.sketchId(), index.id(), name, index.description(),
                colorFor(access.sketchId()), Timeline.READY, access.user().id());
        repository.addEventSources(timeline.id(), shown);
        return Map.entry(timeline, true);
    }

    /** Deletes an index that no timeline uses any more, with whatever events are left in it. */
    public void dropIndexIfUnused(long searchIndexId) {
        if (!repository.timelinesOfIndex(searchIndexId).isEmpty()) {
            return;
        }
        repository.index(searchIndexId).ifPresent(index -> {
            store.deleteIndex(index.indexName());
            repository.markIndexDeleted(index.id());
        });
    }
}
