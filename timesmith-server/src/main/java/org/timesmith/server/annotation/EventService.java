package org.timesmith.server.annotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.event.Label;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.explore.ExploreSearch;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;

/** Annotating events (§7): comments, labels and stars, tags, attributes, and manual events. */
@Service
public class EventService {

    /** An event reference from a request body. */
    public record EventRef(String index, String id) {
    }

    public static final Set<String> TOGGLED_LABELS = Set.of(Event.STAR_LABEL, "__ts_hidden", "__ts_fact");
    public static final Set<String> RESERVED_ATTRIBUTES = Set.of("datetime", "timestamp", "message", "timestamp_desc",
            Event.TAG, Event.LABEL, Event.TIMELINE_ID, "label", "comment");
    public static final String MANUAL_TIMELINE = "Manual events";

    private final EventAccess events;
    private final EventStore store;
    private final CommentRepository comments;
    private final UserRepository users;
    private final TimelineRepository timelines;
    private final TimelineService timelineService;

    public EventService(EventAccess events, EventStore store, CommentRepository comments, UserRepository users,
                        TimelineRepository timelines, TimelineService timelineService) {
        this.events = events;
        this.store = store;
        this.comments = comments;
        this.users = users;
        this.timelines = timelines;
        this.timelineService = timelineService;
    }

    /** One event with its comments in this sketch (§7.5). */
    public Map<String, Object> get(SketchAccess access, String index, String eventId) {
        StoredEvent event = events.require(access, events.indices(access), index, eventId);
        Map<String, Object> object = new LinkedHashMap<>(event.source());
        object.remove(Event.LABEL);
        object.put("label", ExploreSearch.labels(event, access.sketchId()));
        object.put("_id", event.id());
        object.put("_index", event.index());
        List<Map<String, Object>> commentList = comments.comments(access.sketchId(), event.index(), event.id())
                .stream().map(this::commentJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("comments", commentList));
        body.put("objects", object);
        return body;
    }

    public List<Map<String, Object>> comment(SketchAccess access, List<EventRef> refs, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("A comment needs text.");
        }
        var indices = events.indices(access);
        List<StoredEvent> found = refs.stream().map(r -> events.require(access, indices, r.index(), r.id())).toList();
        List<Map<String, Object>> items = new ArrayList<>();
        for (StoredEvent event : found) {
            CommentRepository.Comment comment = comments.add(access.sketchId(), event.index(), event.id(),
                    access.user().id(), text);
            store.update(event.index(), List.of(event.id()),
                    new EventUpdate.AddLabel(new Label(Event.COMMENT_LABEL, access.sketchId(), access.user().id())));
            items.add(commentJson(comment));
        }
        refresh(found);
        return items;
    }

    /**
     * Changes the text of one of the user's comments on each of the events (Timesketch's
     * annotate PUT): 404 for a comment that is not on the event, 403 for another user's comment.
     */
    public List<Map<String, Object>> updateComment(SketchAccess access, List<EventRef> refs, long commentId,
                                                   String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("A comment needs text.");
        }
        var indices = events.indices(access);
        List<CommentRepository.Comment> owned = new ArrayList<>();
        for (EventRef ref : refs) {
            StoredEvent event = events.require(access, indices, ref.index(), ref.id());
            owned.add(ownComment(access, event, commentId));
        }
        return owned.stream().map(c -> commentJson(comments.update(c, text))).toList();
    }

    /**
     * Deletes one of the user's comments on an event (Timesketch's annotate DELETE); the event
     * loses the {@code __ts_comment} label when no comment of the sketch is left on it.
     */
    public void deleteComment(SketchAccess access, String index, String eventId, long commentId) {
        StoredEvent event = events.require(access, events.indices(access), index, eventId);
        CommentRepository.Comment comment = ownComment(access, event, commentId);
        comments.delete(comment.id());
        if (comments.comments(access.sketchId(), event.index(), event.id()).isEmpty()) {
            store.update(event.index(), List.of(event.id()), new EventUpdate.RemoveLabel(
                    new Label(Event.COMMENT_LABEL, access.sketchId(), access.user().id())));
            refresh(List.of(event));
        }
    }

    private CommentRepository.Comment ownComment(SketchAccess access, StoredEvent event, long commentId) {
        CommentRepository.Comment comment = comments.comment(access.sketchId(), event.index(), event.id(), commentId)
                .orElseThrow(() -> ApiException.notFound("No comment found with this id: " + commentId + "."));
        if (comment.userId() != access.user().id()) {
            throw ApiException.forbidden("User is not owner of the comment.");
        }
        return comment;
    }

    /** Adds a label; star, hidden and fact labels toggle; {@code remove} removes. */
    public List<Map<String, Object>> label(SketchAccess access, List<EventRef> refs, String name, boolean remove) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("A label needs a name.");
        }
        var indices = events.indices(access);
        List<StoredEvent> found = refs.stream().map(r -> events.require(access, indices, r.index(), r.id())).toList();
        Label label = new Label(name, access.sketchId(), access.user().id());
        List<Map<String, Object>> items = new ArrayList<>();
        for (StoredEvent event : found) {
            boolean present = ExploreSearch.labels(event, access.sketchId()).contains(name);
            boolean removeIt = remove || (TOGGLED_LABELS.stream().anyMatch(name::contains) && present);
            store.update(event.index(), List.of(event.id()),
                    removeIt ? new EventUpdate.RemoveLabel(label) : new EventUpdate.AddLabel(label));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            item.put("user", access.user().toJson());
            item.put("action", removeIt ? "removed" : "added");
            item.put("created_at", null);
            item.put("updated_at", null);
            items.add(item);
        }
        refresh(found);
        return items;
    }

    /** Tags or untags events; returns Timesketch's tagging counts. */
    public Map<String, Object> tag(SketchAccess access, List<EventRef> refs, List<String> tags, boolean add) {
        List<String> clean = tags.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        if (clean.isEmpty()) {
            throw ApiException.badRequest("No tags given.");
        }
        var indices = events.indices(access);
        List<StoredEvent> found = refs.stream().map(r -> events.require(access, indices, r.index(), r.id())).toList();
        long changedEvents = 0;
        long tagsApplied = 0;
        Map<String, List<String>> idsByIndex = new LinkedHashMap<>();
        for (StoredEvent event : found) {
            List<String> current = event.source().get(Event.TAG) instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of();
            long changes = clean.stream().filter(t -> add != current.contains(t)).count();
            if (changes > 0) {
                changedEvents++;
                tagsApplied += changes;
                idsByIndex.computeIfAbsent(event.index(), k -> new ArrayList<>()).add(event.id());
            }
        }
        EventUpdate update = add ? new EventUpdate.AddTags(clean) : new EventUpdate.RemoveTags(clean);
        idsByIndex.forEach((index, ids) -> {
            store.update(index, ids, update);
            store.refresh(index);
        });
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("events_processed_by_api", found.size());
        meta.put("number_of_events_with_added_tags", changedEvents);
        meta.put("tags_applied", tagsApplied);
        meta.put("number_of_events_passed_to_api", refs.size());
        return meta;
    }

    /** Adds attributes to events (§7.6); per-event problems are counted and reported, not fatal. */
    public Map<String, Object> attributes(SketchAccess access, List<EventRef> refs,
                                          List<Map<String, Object>> attributesPerEvent) {
        var indices = events.indices(access);
        long modified = 0;
        long added = 0;
        List<String> errors = new ArrayList<>();
        long errorCount = 0;
        Map<String, Long> chunksPerIndex = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            EventRef ref = refs.get(i);
            StoredEvent event = events.require(access, indices, ref.index(), ref.id());
            Map<String, Object> wanted = attributesPerEvent.get(i);
            Map<String, Object> accepted = new LinkedHashMap<>();
            for (Map.Entry<String, Object> attribute : wanted.entrySet()) {
                String problem = attributeProblem(attribute.getKey(), event);
                if (problem != null) {
                    errorCount++;
                    if (errors.size() >= 10) {
                        errors.remove(0);
                    }
                    errors.add(problem);
                } else {
                    accepted.put(attribute.getKey(), attribute.getValue());
                }
            }
            if (!accepted.isEmpty()) {
                store.update(event.index(), List.of(event.id()), new EventUpdate.SetAttributes(accepted));
                modified++;
                added += accepted.size();
                chunksPerIndex.merge(event.index(), 1L, Long::sum);
            }
        }
        chunksPerIndex.keySet().forEach(store::refresh);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("events_modified", modified);
        meta.put("attributes_added", added);
        meta.put("chunks_per_index", chunksPerIndex);
        meta.put("error_count", errorCount);
        meta.put("last_10_errors", errors);
        return meta;
    }

    /** What is wrong with adding this attribute, in Timesketch's words (scripts match them), or null. */
    static String attributeProblem(String name, StoredEvent event) {
        String eventId = event == null ? "new" : event.id();
        if (name == null || name.isBlank()) {
            return "An attribute for event_id '" + eventId + "' needs a name.";
        }
        if (RESERVED_ATTRIBUTES.contains(name)) {
            return "Cannot add '" + name + "' for event_id '" + eventId + "', name not allowed.";
        }
        if (name.startsWith("_")) {
            return "Attribute '" + name + "' for event_id '" + eventId + "' invalid, cannot start with '_'";
        }
        if (event != null && event.source().containsKey(name)) {
            return "Attribute '" + name + "' already exists for event_id '" + eventId + "'.";
        }
        return null;
    }

    /** Adds a manual event to the sketch's "Manual events" timeline (§7.4); returns that timeline. */
    public Timeline addManualEvent(SketchAccess access, String dateString, String timestampDesc, String message,
                                   List<String> tags, Map<String, Object> attributes) {
        if (message == null || message.isBlank()) {
            throw ApiException.badRequest("A manual event needs a message.");
        }
        if (timestampDesc == null || timestampDesc.isBlank()) {
            throw ApiException.badRequest("A manual event needs a timestamp_desc.");
        }
        long timestamp = parseDate(dateString);
        for (String name : attributes.keySet()) {
            String problem = attributeProblem(name, null);
            if (problem != null) {
                throw ApiException.badRequest(problem);
            }
        }
        Timeline timeline = manualTimeline(access);
        SearchIndex index = timelines.index(timeline.searchIndexId()).orElseThrow();
        Map<String, Object> source = new LinkedHashMap<>(attributes);
        source.put(Event.MESSAGE, message);
        source.put(Event.DATETIME, dateString);
        source.put(Event.TIMESTAMP, timestamp);
        source.put(Event.TIMESTAMP_DESC, timestampDesc);
        source.put(Event.TAG, List.copyOf(tags));
        source.put(Event.TIMELINE_ID, timeline.id());
        source.put(Event.LABEL, List.of());
        try (BulkWriter writer = store.bulkWriter(index.indexName())) {
            writer.add(new Event(EventIds.of("manual:" + UUID.randomUUID(), 0), source));
        }
        store.refresh(index.indexName());
        return timeline;
    }

    private synchronized Timeline manualTimeline(SketchAccess access) {
        String indexName = md5("timesketch_" + access.sketchId());
        for (Timeline timeline : timelines.timelines(access.sketchId())) {
            SearchIndex index = timelines.index(timeline.searchIndexId()).orElseThrow();
            if (index.indexName().equals(indexName)) {
                return timeline;
            }
        }
        store.createIndex(indexName);
        SearchIndex index = timelines.indexByName(indexName).orElseGet(() -> timelines.createIndex(MANUAL_TIMELINE,
                indexName, "Events added by hand", access.user().id(), Timeline.READY, ""));
        return timelines.createTimeline(access.sketchId(), index.id(), MANUAL_TIMELINE, "Events added by hand",
                timelineService.colorFor(access.sketchId()), Timeline.READY, access.user().id());
    }

    /** Microseconds since the epoch of an ISO-like date string (naive values are UTC). */
    static long parseDate(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("date_string is required.");
        }
        String t = text.trim().replace(' ', 'T');
        try {
            OffsetDateTime time;
            if (t.length() == 10) {
                time = LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
            } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                time = OffsetDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) + "+00:00" : t);
            } else {
                time = LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
            }
            return time.toEpochSecond() * 1_000_000L + time.getNano() / 1000;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Unable to parse date_string " + text + "; use ISO 8601.");
        }
    }

    private void refresh(List<StoredEvent> found) {
        found.stream().map(StoredEvent::index).distinct().forEach(store::refresh);
    }

    private Map<String, Object> commentJson(CommentRepository.Comment comment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("comment", comment.comment());
        json.put("user", users.byId(comment.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        json.put("created_at", comment.createdAt());
        json.put("updated_at", comment.updatedAt());
        return json;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }
}
