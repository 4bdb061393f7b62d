package org.timesmith.server.llm;

import static org.timesmith.server.access.Permission.WRITE;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.timesmith.analysis.llm.LlmProvider;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.annotation.CommentRepository;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.explore.ExploreQuery;
import org.timesmith.server.explore.ExploreSearch;
import org.timesmith.server.story.Story;
import org.timesmith.server.story.StoryFields;
import org.timesmith.server.story.StoryJson;
import org.timesmith.server.story.StoryService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code llm_starred_events_report} (Timesketch's feature of that name): a report on the events the
 * analysts starred (or whatever the request's query and filter match), written by the model and saved
 * as a story of the sketch, so it is there in Stories to edit and share. Unlike Timesketch (its issues
 * 3333 and 3705) the model sees what the analysts said about each event, not only its time and
 * message: its tags, its labels and the comments with their authors. The events are counted first and
 * refused above {@code timesmith.llm.starred-report.max-events}, then streamed once, duplicates (same
 * datetime and message) folded into one entry.
 */
@Component
class StarredEventsReport {

    static final String FEATURE = "llm_starred_events_report";
    private static final DateTimeFormatter TITLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final List<String> FIELDS = List.of(Event.DATETIME, Event.MESSAGE, Event.TAG, Event.LABEL);

    private final EventStore store;
    private final CommentRepository comments;
    private final UserRepository users;
    private final StoryService stories;
    private final Times times;
    private final ObjectMapper json;
    private final int maxEvents;

    StarredEventsReport(EventStore store, CommentRepository comments, UserRepository users, StoryService stories,
                        Times times, ObjectMapper json,
                        @Value("${timesmith.llm.starred-report.max-events:1000}") int maxEvents) {
        this.store = store;
        this.comments = comments;
        this.users = users;
        this.stories = stories;
        this.times = times;
        this.json = json;
        this.maxEvents = maxEvents;
    }

    /** One distinct event as the model sees it; duplicates add their annotations to it. */
    private record Entry(String datetime, String message, Set<String> tags, Set<String> labels, List<Remark> comments) {
    }

    /** An analyst's comment on an event as the model sees it (a record: its fields keep this order in the JSON). */
    private record Remark(String author, String comment) {
    }

    Map<String, Object> run(SketchAccess access, JsonNode body, ExploreQuery query, LlmProvider provider) {
        if (!access.can(WRITE)) {
            throw ApiException.forbidden("The starred events report is saved as a story: it needs write access to the sketch.");
        }
        SearchRequest request = selection(access, body, query);
        long count = store.count(request);
        if (count > maxEvents) {
            throw ApiException.badRequest("Too many events (" + count + ") for a starred events report; the limit is "
                    + maxEvents + " (timesmith.llm.starred-report.max-events).");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        long total = collect(access, request, entries);
        if (entries.isEmpty()) {
            result.put("summary", "No events to report on: no event matches the query and filter (by default, the"
                    + " sketch's starred events). Star events in Explore, then ask again.");
            result.put("summary_event_count", 0);
            result.put("summary_unique_event_count", 0);
            result.put("story_id", null);
            return result;
        }
        String report = ModelText.unfenced(provider.generate(prompt(entries.values())));
        Story story = stories.create(access, new StoryFields("Starred Events Report - " + TITLE_TIME.format(times.instant()),
                json.writeValueAsString(json.createArrayNode().add(StoryJson.textBlock(json, report))), ""));
        result.put("summary", report);
        result.put("summary_event_count", total);
        result.put("summary_unique_event_count", entries.size());
        result.put("story_id", story.id());
        return result;
    }

    /** The request's selection; without a query, DSL or chips, the sketch's starred events. */
    private SearchRequest selection(SketchAccess access, JsonNode body, ExploreQuery query) {
        SearchRequest request = query.unpaged().toBuilder().fields(FIELDS).build();
        JsonNode filter = body.path("filter");
        if (filter.isString()) {
            filter = json.readTree(filter.asString());
        }
        boolean chips = filter.path("chips").isArray() && !filter.path("chips").isEmpty();
        boolean asked = !body.path("query").asString("").isBlank() || !body.path("dsl").isMissingNode() && !body.path("dsl").isNull();
        return chips || asked ? request : request.toBuilder().filter(new Filter.Label(access.sketchId(), Event.STAR_LABEL, false)).build();
    }

    private long collect(SketchAccess access, SearchRequest request, Map<String, Entry> entries) {
        Map<Long, String> authors = new LinkedHashMap<>();
        long total = 0;
        try (EventStream events = store.stream(request)) {
            while (events.hasNext() && total < maxEvents) { // events added since the count stay out
                StoredEvent event = events.next();
                total++;
                String datetime = String.valueOf(event.source().getOrDefault(Event.DATETIME, ""));
                String message = String.valueOf(event.source().getOrDefault(Event.MESSAGE, ""));
                Entry entry = entries.computeIfAbsent(datetime + "\u0000" + message, k -> new Entry(datetime, message,
                        new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>()));
                if (event.source().get(Event.TAG) instanceof List<?> tags) {
                    tags.forEach(t -> entry.tags().add(String.valueOf(t)));
                }
                ExploreSearch.labels(event, access.sketchId()).stream().filter(l -> !l.startsWith("__ts")).forEach(entry.labels()::add);
                comments.comments(access.sketchId(), event.index(), event.id()).forEach(c -> entry.comments().add(new Remark(
                        authors.computeIfAbsent(c.userId(), id -> users.byId(id).map(User::username).orElse("unknown")),
                        c.comment())));
            }
        }
        return total;
    }

    private String prompt(Collection<Entry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("datetime", entry.datetime());
            item.put("message", entry.message());
            item.put("tags", entry.tags());
            item.put("labels", entry.labels());
            item.put("comments", entry.comments());
            list.add(item);
        }
        return "You are a digital forensics analyst. Write a concise incident report in Markdown on the " + list.size()
                + " events below, which the investigators marked as significant: a short executive summary, a"
                + " chronological account of what happened, the indicators (users, hosts, files, addresses) involved,"
                + " and what to examine next. Each event carries its tags, labels and the investigators' comments with"
                + " their author; use them, they are the investigators' own findings, and say whose finding a statement"
                + " rests on. Do not invent events. Events (JSON):\n" + json.writeValueAsString(list);
    }
}
